/**
 * Everything rules share about one script, computed once per lint: facts, datasets,
 * trainers, Unsloth, the environment (disk environment + the script's own pip pins).
 */
import { buildFacts } from '../facts/build';
import { callIndex } from '../facts/selections';
import type { CallFact, FileFacts } from '../facts/types';
import { DatasetModel } from '../dataset/model';
import { PrintedLoads } from '../dataset/printed-loads';
import type { DataSourceProvider } from '../dataset/state';
import type { ModuleProvider } from '../modules/types';
import { findTrainers, type TrainerFact } from '../domain/trainers';
import { unslothWithImporters, type UnslothInfo } from '../domain/unsloth';
import { Environment } from '../env/versions';
import { pinsFromScript } from '../env/discover';
import { importedImagePins } from '../env/modal-image';
import { mayBeProjectModule } from '../modules/imported-ref';
import { dirname, relative, sep } from 'node:path';
import type { ParsedScript } from '../syntax/parsed-script';
import type { SectionedTree } from '../syntax/sectioned-tree';
import type { SourceText } from '../syntax/source-text';
import type { ScriptDocument } from '../syntax/script-document';

export interface Analysis {
  doc: ScriptDocument;
  source: SourceText;
  /** The script's syntax trees (one per section in editors). */
  syntax: SectionedTree;
  facts: FileFacts;
  /**
   * The text rules' whole-text heuristics read ("the script computes its own loss", "an encoder-decoder
   * model"): the script, or for one pipeline its statements and the shared ones. Never for positions.
   */
  text: string;
  callsByNode: Map<number, CallFact>;
  datasets: DatasetModel;
  trainers: TrainerFact[];
  unsloth: UnslothInfo;
  env: Environment;
  /** A real tokenizer already loaded for this script's model (by a preview), for TL110; else the approximation is used. */
  loadedTokenizer?: import('../masking/types').TextTokenizer;
}

export function analyse(doc: ScriptDocument, script: ParsedScript, env: Environment, data?: DataSourceProvider, loadedTokenizer?: import('../masking/types').TextTokenizer,
  modules?: ModuleProvider): Analysis {
  const { source, syntax } = script;
  // Facts are kept with each section's tree: an edit walks only the section it re-parsed.
  const facts = buildFacts(syntax);
  // Names imported from the project's own modules are looked up there.
  if (modules) facts.modules = { path: doc.path, provider: modules };
  const own = pinsFromScript(source.text, { lineLabel: (l) => doc.lineLabel(l), notebook: doc.isNotebook, commentedCommand: (l) => doc.isCommentedCommand(l) });
  // A Modal image imported from a project module fills what the script's own installs leave open.
  const imported = modules && importedImagePins(source.text, facts.imports.filter((i) => mayBeProjectModule(i.module)),
    (module, name) => modules.lookup(doc.path, module, name), (p) => relative(dirname(doc.path), p).split(sep).join('/'));
  const withPins = env.withFallback(imported ? own.withFallback(imported) : own);
  return new ScriptAnalysis(doc, source, syntax, facts, () => source.text, new DatasetModel(facts, data, source.text, PrintedLoads.of(doc, syntax)), undefined,
    unslothWithImporters(facts, doc.isNotebook, source.text), withPins, loadedTokenizer);
}

/**
 * The analysis of one pipeline (`lint/pipelines.ts`): the script's own text, trees, environment and
 * Unsloth, with facts, datasets and trainers of the view only.
 */
export function analyseView(whole: Analysis, facts: FileFacts, text: () => string, data?: DataSourceProvider): Analysis {
  const callsByNode = callIndex(facts);
  return new ScriptAnalysis(whole.doc, whole.source, whole.syntax, facts, text, new DatasetModel(facts, data, whole.source.text, whole.datasets.printed), findTrainers(facts, callsByNode),
    whole.unsloth, whole.env, whole.loadedTokenizer);
}

/**
 * An analysis: a class, not an object literal with getters (V8 gives each such literal its own hidden class,
 * which holds the getters' closures and is freed only by a full collection: every keystroke's analysis, and
 * the text its nodes reach, outlived its young-generation collections; docs/benchmarks.md, session 12).
 */
class ScriptAnalysis implements Analysis {
  private viewText: string | undefined = undefined;
  constructor(
    readonly doc: ScriptDocument, readonly source: SourceText, readonly syntax: SectionedTree, readonly facts: FileFacts,
    private readonly textOf: () => string, readonly datasets: DatasetModel, private found: TrainerFact[] | undefined,
    readonly unsloth: UnslothInfo, readonly env: Environment, readonly loadedTokenizer: import('../masking/types').TextTokenizer | undefined,
  ) {}

  get text(): string { return (this.viewText ??= this.textOf()); }
  /** Built on first use: a script linted one pipeline at a time indexes and finds each pipeline's own. */
  get callsByNode(): Map<number, CallFact> { return callIndex(this.facts); }
  get trainers(): TrainerFact[] { return (this.found ??= findTrainers(this.facts, callIndex(this.facts))); }
}
