/**
 * The engine's entry point: a parsed script + environment + config in, diagnostics out.
 * Every rule runs isolated: one that throws becomes one InternalError and the rest still run.
 */
import { comparePositions, type Diagnostic, type InternalError } from '../diagnostics';
import { withoutBrokenStatements } from './broken-statements';
import type { DataRead, DataSourceProvider } from '../dataset/state';
import { Environment } from '../env/versions';
import { RuleContext } from '../rules/context';
import { ALL_RULES } from '../rules/index';
import type { Rule } from '../rules/rule';
import type { ParsedScript } from '../syntax/parsed-script';
import type { ScriptDocument } from '../syntax/script-document';
import { analyse, analyseView, type Analysis } from './analysis';
import { factsViews, factsViewTexts } from '../facts/build';
import { trainerCalls } from '../domain/trainers';
import { findingKey, PipelineCache, splitPipelines, type PipelineRun, type SplitOptions } from './pipelines';
import { configForFile, DEFAULT_CONFIG, isRuleEnabled, type LintConfig } from './config';
import { collectSuppressions, isSuppressed } from './suppression';
import { unusedSuppressions } from './unused-suppressions';
import TL903 from '../rules/tl903-unused-suppression';
import { tokensIn } from './text-tokens';
import type { ModuleProvider, ModuleRead } from '../modules/types';

/** Every rule's `requires` strings, for one search of the text per lint. */
const requiredTokens = (rules: readonly Rule[]): string[] => [...new Set(rules.flatMap((r) => r.requires ?? []))];
const ALL_REQUIRED = requiredTokens(ALL_RULES);

export interface LintInput {
  doc: ScriptDocument;
  /** The parse of `doc.text` (the caller owns it, so editors can re-parse incrementally). */
  script: ParsedScript;
  env?: Environment;
  config?: LintConfig;
  data?: DataSourceProvider;
  /** The other modules of the script's project: imported constants and trainer subclasses, TL601's importers (`modules/`). */
  modules?: ModuleProvider;
  /** A real tokenizer for the script's model, if one is already loaded (TL110 then uses it). */
  tokenizer?: import('../masking/types').TextTokenizer;
  /** When given, each rule's time in ms is added to it (benchmarks, `--timings`). */
  timings?: Map<string, number>;
  /** Restrict to these rules (tests). */
  rules?: Rule[];
  /**
   * Time budget in ms for the rules (editors: requests wait while a lint runs). Rules not started
   * when it runs out are skipped and named in one internal error.
   */
  budgetMs?: number;
  /**
   * An editor's cache for this document: a script of several independent pipelines is linted one
   * pipeline at a time, and pipelines an edit did not touch keep their findings (`pipelines.ts`).
   */
  pipelines?: PipelineCache;
  /** How to split a script into pipelines (tests). */
  split?: SplitOptions;
}

export interface LintResult {
  diagnostics: Diagnostic[];
  errors: InternalError[];
  analysis: Analysis;
}

export function lint(input: LintInput): LintResult {
  const { script } = input;
  const analysis = analyse(input.doc, script, input.env ?? new Environment(), input.data, input.tokenizer, input.modules);
  const config = configForFile(input.config ?? DEFAULT_CONFIG, input.doc.path);
  const text = script.text;
  const deadline = input.budgetMs === undefined ? Infinity : performance.now() + input.budgetMs;
  const skipped: string[] = [];
  const present = tokensIn(input.doc.path, text, input.rules ? requiredTokens(input.rules) : ALL_REQUIRED);
  const rules = (input.rules ?? ALL_RULES).filter((rule) => isRuleEnabled(config, rule.code) && (!rule.requires || rule.requires.some(present)));
  const check = (a: Analysis, which: readonly Rule[] = rules): PipelineRun => runRules(a, which, deadline, skipped, input.timings);
  // A script of several training pipelines is linted one pipeline at a time: each trainer's findings
  // rest on its own pipeline and the statements no trainer is linked to (`pipelines.ts`). An editor's
  // cache keeps the findings of the pipelines an edit did not touch, while their data answers,
  // versions, settings and tokenizer stay the same (a data provider that cannot say when its answers
  // change gets no cache).
  // What the split looked up in the project's modules (an imported trainer subclass makes a pipeline) is
  // part of every pipeline's context.
  const modules = input.modules;
  const splitReads: ModuleRead[] = [];
  modules?.record?.(splitReads);
  let split: ReturnType<typeof splitPipelines>;
  try { split = splitPipelines(analysis.facts, trainerCalls(analysis.facts), input.split); } finally { modules?.record?.(undefined); }
  // A provider that records what each lookup answered from lets each pipeline keep its findings until
  // its own sources change; one that only counts changes drops them all on any change.
  const data = input.data;
  const perPipelineData = !!(data?.record && data.reuse);
  const perPipelineModules = !modules || !!(modules.record && modules.reuse);
  const generation = !data || perPipelineData ? 0 : data.generation;
  const cache = generation === undefined || !perPipelineModules ? undefined : input.pipelines;
  let raw: Diagnostic[];
  const errors: InternalError[] = [];
  if (!split) {
    cache?.clear();
    const whole = check(analysis);
    raw = whole.diagnostics;
    errors.push(...whole.errors);
  } else {
    // The script's own `pip install` pins are in comments and magics, which no statement key covers; whether the
    // project's importers load Unsloth first (`unslothWithImporters`) is no statement of the script either.
    const pins = JSON.stringify(analysis.env.entries());
    cache?.begin([split.sharedKey, pins, input.env, JSON.stringify(config), input.doc.path, generation, data?.scope, input.tokenizer, input.rules, input.doc.isNotebook,
      !!modules, ...splitReads.map((r) => r.answer ?? null), !!analysis.unsloth.byImporters]);
    const seen = new Set<string>();
    raw = [];
    const perView = rules.filter((r) => !r.wholeScript);
    const whole = check(analysis, rules.filter((r) => r.wholeScript));
    raw.push(...whole.diagnostics);
    errors.push(...whole.errors);
    // Views are built in one pass over the facts, only for the pipelines not kept from the last lint.
    const kept = split.pipelines.map((p) => cache?.get(p.key, (run) => (!run.reads || !!data?.reuse?.(run.reads)) && (!run.moduleReads || !!modules?.reuse?.(run.moduleReads))));
    const facts = factsViews(analysis.facts, split.viewOf, split.pipelines.map((_, i) => !kept[i]));
    const textOf = factsViewTexts(analysis.facts, split.viewOf, split.pipelines.length);
    split.pipelines.forEach((p, i) => {
      let result = kept[i];
      if (!result) {
        const before = skipped.length;
        const reads: DataRead[] | undefined = perPipelineData && cache ? [] : undefined;
        const moduleReads: ModuleRead[] | undefined = modules && cache ? [] : undefined;
        data?.record?.(reads);
        modules?.record?.(moduleReads);
        const view = analyseView(analysis, facts[i]!, () => textOf(p.index), data);
        let found: PipelineRun;
        try { found = check(view, perView); } finally { data?.record?.(undefined); modules?.record?.(undefined); }
        const source = analysis.source;
        result = { diagnostics: found.diagnostics.filter((d) => split.holds(p.index, source.offsetAt(d.range.start))), errors: found.errors, reads, moduleReads };
        if (skipped.length === before) cache?.set(p.key, result);
      }
      // A finding on a statement the pipelines share is found by each of them: reported once.
      const keys = (result.keys ??= result.diagnostics.map(findingKey));
      result.diagnostics.forEach((d, k) => { if (!seen.has(keys[k])) { seen.add(keys[k]); raw.push(d); } });
      for (const e of result.errors) if (!errors.some((x) => x.message === e.message)) errors.push(e);
    });
    cache?.end();
  }
  if (skipped.length) errors.push({ code: 'budget', message: `analysis stopped after its ${input.budgetMs} ms budget; rules not run: ${[...new Set(skipped)].join(', ')}` });
  const run = input.rules ?? ALL_RULES;
  const reportUnused = run.includes(TL903) && isRuleEnabled(config, TL903.code);
  const hasDirectives = (raw.length > 0 || reportUnused) && (text.includes('trainlint:') || /noqa/i.test(text));
  const suppressions = hasDirectives ? collectSuppressions(analysis.facts.comments, script.source) : undefined;
  raw = withoutBrokenStatements(script, raw);
  let diagnostics = suppressions ? raw.filter((d) => !isSuppressed(suppressions, d)) : raw;
  if (suppressions && reportUnused) {
    // A rule "ran" when it was asked for and enabled: only then does an unused entry for it mean something.
    const ran = new Set(run.filter((r) => isRuleEnabled(config, r.code)).map((r) => r.code));
    const all = !input.rules;
    const unused = unusedSuppressions(suppressions, (code) => (code === 'ALL' ? all : ran.has(code)), script.source, TL903);
    diagnostics = [...diagnostics, ...unused.filter((d) => !isSuppressed(suppressions, d))];
  }
  diagnostics.sort((x, y) => comparePositions(x.range.start, y.range.start) || x.code.localeCompare(y.code));
  return { diagnostics, errors, analysis };
}

/** Runs `rules` on one analysis, each isolated; rules not started by `deadline` are added to `skipped`. */
function runRules(analysis: Analysis, rules: readonly Rule[], deadline: number, skipped: string[], timings?: Map<string, number>): PipelineRun {
  const diagnostics: Diagnostic[] = [];
  const errors: InternalError[] = [];
  for (const rule of rules) {
    if (performance.now() > deadline) { skipped.push(rule.code); continue; }
    const sink: Diagnostic[] = [];
    const started = timings ? performance.now() : 0;
    try {
      rule.check(new RuleContext(rule, analysis, sink));
      for (const d of sink) diagnostics.push(d);
    } catch (e) {
      errors.push({ code: rule.code, message: `${rule.code} ${rule.name} failed: ${(e as Error)?.stack ?? e}` });
    }
    if (timings) timings.set(rule.code, (timings.get(rule.code) ?? 0) + performance.now() - started);
  }
  return { diagnostics, errors };
}
