/**
 * The engine's entry point: a parsed script + environment + config in, diagnostics out.
 * Every rule runs isolated: one that throws becomes one InternalError and the rest still run.
 */
import { comparePositions, type Diagnostic, type InternalError } from '../diagnostics';
import type { DataSourceProvider } from '../dataset/state';
import { Environment } from '../env/versions';
import { RuleContext } from '../rules/context';
import { ALL_RULES } from '../rules/index';
import type { Rule } from '../rules/rule';
import type { ParsedScript } from '../syntax/parsed-script';
import type { ScriptDocument } from '../syntax/script-document';
import { analyse, type Analysis } from './analysis';
import { configForFile, DEFAULT_CONFIG, isRuleEnabled, type LintConfig } from './config';
import { collectSuppressions, isSuppressed } from './suppression';
import { unusedSuppressions } from './unused-suppressions';
import TL903 from '../rules/tl903-unused-suppression';
import { tokensIn } from './text-tokens';

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
}

export interface LintResult {
  diagnostics: Diagnostic[];
  errors: InternalError[];
  analysis: Analysis;
}

export function lint(input: LintInput): LintResult {
  const { script } = input;
  const analysis = analyse(input.doc, script, input.env ?? new Environment(), input.data, input.tokenizer);
  const config = configForFile(input.config ?? DEFAULT_CONFIG, input.doc.path);
  const raw: Diagnostic[] = [];
  const errors: InternalError[] = [];
  const text = script.text;
  const deadline = input.budgetMs === undefined ? Infinity : performance.now() + input.budgetMs;
  const skipped: string[] = [];
  const present = tokensIn(input.doc.path, text, input.rules ? requiredTokens(input.rules) : ALL_REQUIRED);
  for (const rule of input.rules ?? ALL_RULES) {
    if (!isRuleEnabled(config, rule.code)) continue;
    if (performance.now() > deadline) { skipped.push(rule.code); continue; }
    if (rule.requires && !rule.requires.some(present)) continue;
    const sink: Diagnostic[] = [];
    const started = input.timings ? performance.now() : 0;
    try {
      rule.check(new RuleContext(rule, analysis, sink));
      raw.push(...sink);
    } catch (e) {
      errors.push({ code: rule.code, message: `${rule.code} ${rule.name} failed: ${(e as Error)?.stack ?? e}` });
    }
    if (input.timings) input.timings.set(rule.code, (input.timings.get(rule.code) ?? 0) + performance.now() - started);
  }
  if (skipped.length) errors.push({ code: 'budget', message: `analysis stopped after its ${input.budgetMs} ms budget; rules not run: ${skipped.join(', ')}` });
  const run = input.rules ?? ALL_RULES;
  const reportUnused = run.includes(TL903) && isRuleEnabled(config, TL903.code);
  const hasDirectives = (raw.length > 0 || reportUnused) && (text.includes('trainlint:') || /noqa/i.test(text));
  const suppressions = hasDirectives ? collectSuppressions(analysis.facts.comments, script.source) : undefined;
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
