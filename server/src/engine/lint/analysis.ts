/**
 * Everything rules share about one script, computed once per lint: facts, datasets,
 * trainers, Unsloth, the environment (disk environment + the script's own pip pins).
 */
import { buildFacts, callIndex } from '../facts/build';
import type { CallFact, FileFacts } from '../facts/types';
import { DatasetModel } from '../dataset/model';
import type { DataSourceProvider } from '../dataset/state';
import type { ModuleProvider } from '../modules/types';
import { findTrainers, type TrainerFact } from '../domain/trainers';
import { unslothInfo, type UnslothInfo } from '../domain/unsloth';
import { Environment } from '../env/versions';
import { pinsFromScript } from '../env/discover';
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
  let trainers: TrainerFact[] | undefined;
  return {
    doc, source, syntax, facts, text: source.text,
    // Built on first use: a script linted one pipeline at a time indexes and finds each pipeline's own.
    get callsByNode() { return callIndex(facts); },
    datasets: new DatasetModel(facts, data, source.text),
    get trainers() { return (trainers ??= findTrainers(facts, callIndex(facts))); },
    unsloth: unslothInfo(facts),
    env: env.withFallback(pinsFromScript(source.text, { lineLabel: (l) => doc.lineLabel(l), notebook: doc.isNotebook })),
    loadedTokenizer,
  };
}

/**
 * The analysis of one pipeline (`lint/pipelines.ts`): the script's own text, trees, environment and
 * Unsloth, with facts, datasets and trainers of the view only.
 */
export function analyseView(whole: Analysis, facts: FileFacts, text: () => string, data?: DataSourceProvider): Analysis {
  const callsByNode = callIndex(facts);
  let viewText: string | undefined;
  return {
    doc: whole.doc, source: whole.source, syntax: whole.syntax, facts, callsByNode,
    get text() { return (viewText ??= text()); },
    datasets: new DatasetModel(facts, data, whole.source.text),
    trainers: findTrainers(facts, callsByNode),
    unsloth: whole.unsloth,
    env: whole.env,
    loadedTokenizer: whole.loadedTokenizer,
  };
}
