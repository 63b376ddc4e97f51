/**
 * The shape of a rule. A rule is one file under `rules/` exporting `default` a Rule;
 * files are discovered by `scripts/gen-rule-index.mjs` (no hand-kept list).
 * Docs live in the rule with the fixed headings: What it does / Why is this bad? /
 * Example / Use instead / Fix safety / References. The Example must fire and the
 * Use instead must not (checked by test/unit/rules/docs.test.ts).
 */
import type { Severity } from '../diagnostics';
import type { RuleContext } from './context';
import type { TRAINER_HOOKS } from '../domain/trainers';

export interface Rule {
  /** `TL001` — fixed by RULES.md, never reused. */
  code: string;
  /** kebab-case name from RULES.md. */
  name: string;
  /** Default severity from RULES.md (`E` error, `W` warning, `I` information). */
  severity: Severity;
  /** Which fixes the rule may offer: checked by the fixture tests. */
  fix: 'safe' | 'unsafe' | 'sometimes' | 'none';
  /** Markdown with the fixed headings. */
  docs: string;
  /**
   * The rule can only fire on a script whose text contains one of these strings (an argument or API
   * name it looks for); other scripts skip it. Optional: only for rules where this is certain.
   */
  requires?: string[];
  /**
   * What the rule reasons about in the trainer (groups of `TRAINER_HOOKS`): a script subclass that
   * overrides one of those methods makes the rule skip that trainer (`ctx.trainers` leaves it out).
   */
  overriddenBy?: ReadonlyArray<keyof typeof TRAINER_HOOKS>;
  /**
   * The rule depends on more than its pipeline's statements (TL111: a report kept for the whole
   * text, its trainers counted over the whole script): it runs once on the whole script, never on
   * one pipeline's view, and its findings are never kept between edits (`lint/pipelines.ts`).
   */
  wholeScript?: boolean;
  check(ctx: RuleContext): void;
  /**
   * For rules that depend on something other than the text (TL111: a dataset report that ran):
   * called by the docs and fixture tests before linting an example, to stand for it.
   */
  prepareExample?(path: string, text: string): void;
}

export const DOCS_BASE_URL = 'https://github.com/trainlint/trainlint/blob/main/docs/rules/';

export function docsUrl(code: string): string {
  return `${DOCS_BASE_URL}${code}.md`;
}
