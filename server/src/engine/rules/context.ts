/**
 * What a rule sees: the shared analysis, helpers for the version policy, and `report()`.
 * Rules report; this class turns reports into engine Diagnostics (code, docs URL, ranges).
 */
import type { Node } from 'web-tree-sitter';
import { minSeverity, type Diagnostic, type DiagnosticTag, type Fix, type Range, type Severity, type TextEdit } from '../diagnostics';
import { isMappedCall, keywordAsWritten } from '../domain/mapped-trainer-call';
import type { Analysis } from '../lint/analysis';
import { describeVersion, unknownNote, type GateResult, type VersionRange } from '../env/versions';
import type { CallFact } from '../facts/types';
import { callOf, overrides, TRAINER_HOOKS, type TrainerFact } from '../domain/trainers';
import { docsUrl, type Rule } from './rule';

export interface Report {
  node?: Node;
  range?: Range;
  message: string;
  /** Overrides the rule's default (version policy, Unsloth downgrades). */
  severity?: Severity;
  related?: Array<{ node: Node; message: string }>;
  tags?: DiagnosticTag[];
  fixes?: Fix[];
}

/** Display names for messages ("with TRL ≥ 0.20"). */
const DISPLAY: Record<string, string> = { trl: 'TRL', transformers: 'transformers', peft: 'PEFT', unsloth: 'Unsloth', 'unsloth-zoo': 'unsloth-zoo', datasets: 'datasets' };

export function displayName(pkg: string): string { return DISPLAY[pkg] ?? pkg; }

export interface VersionVerdict {
  /** undefined: known unaffected, stay silent. */
  severity?: Severity;
  /** Text to append to the message when the version is unknown, e.g. " (with TRL ≥ 0.20; installed version unknown)". */
  note: string;
  gate: GateResult;
}

export class RuleContext {
  constructor(readonly rule: Rule, readonly a: Analysis, private readonly sink: Diagnostic[]) {}

  get facts() { return this.a.facts; }
  get source() { return this.a.source; }
  get env() { return this.a.env; }
  get unsloth() { return this.a.unsloth; }
  /** The script's trainers, less those whose subclass overrides what this rule reasons about (`Rule.overriddenBy`). */
  get trainers(): TrainerFact[] {
    const hooks = this.rule.overriddenBy;
    if (!hooks?.length) return this.a.trainers;
    return (this.ownTrainers ??= this.a.trainers.filter((t) => !hooks.some((h) => overrides(t, TRAINER_HOOKS[h]))));
  }
  private ownTrainers?: TrainerFact[];
  get datasets() { return this.a.datasets; }

  /** The call an expression evaluates to, following variables. */
  callOf(node: Node | undefined): CallFact | undefined {
    return callOf(this.a.facts, this.a.callsByNode, node);
  }

  callAt(node: Node): CallFact | undefined {
    return this.a.callsByNode.get(node.id);
  }

  /**
   * RULES.md version policy for a bug present in `range` of `pkg`:
   * known affected → `base` (default: the rule's severity); unknown → `information` at most, with the range
   * named and why the version is not known (a finding that rests on a guessed version is never a warning);
   * known unaffected → undefined (silent). Several disjoint ranges: a bug that came, went and came back.
   */
  version(pkg: string, range: VersionRange | readonly VersionRange[], base: Severity = this.rule.severity): VersionVerdict {
    const gate = this.a.env.gate(pkg, range);
    if (gate === 'unaffected') return { gate, note: '' };
    if (gate === 'affected') return { gate, severity: base, note: ` (${this.versionText(pkg)})` };
    return { gate, severity: minSeverity(base, 'information'), note: unknownNote(displayName(pkg), this.a.env.get(pkg), range) };
  }

  /** "TRL 0.12.2, pinned in requirements.txt" — the version of `pkg` and where it came from (known versions only). */
  versionText(pkg: string): string {
    const v = this.a.env.get(pkg);
    return v ? describeVersion(displayName(pkg), v) : `${displayName(pkg)} (version unknown)`;
  }

  /**
   * The fixes that do not edit a trainer call whose arguments were mapped through its subclass's `__init__`
   * (`domain/mapped-trainer-call.ts`), nor that `__init__`'s class: there the call's keywords are the subclass's
   * parameters, not the library's, and a default belongs to every instantiation. Replacing an argument's value where the
   * call writes it stays (the library gets that value as it is), and so does an edit inside a keyword the library gets as
   * written (through `**kwargs`).
   */
  private editable(fixes: Fix[]): Fix[] {
    if (!fixes.length) return fixes;
    const mapped = this.a.trainers.filter((t) => t.subclass?.init && isMappedCall(t.call));
    if (!mapped.length) return fixes;
    const src = this.a.source;
    const ok = (e: TextEdit): boolean => mapped.every((t) => {
      const node = t.subclass!.node;
      if (node && touches(src, e.range, node.startIndex, node.endIndex)) return false;
      if (!touches(src, e.range, t.call.node.startIndex, t.call.node.endIndex)) return true;
      const from = src.offsetAt(e.range.start), to = src.offsetAt(e.range.end);
      const inCall = (n: Node) => n.startIndex >= t.call.node.startIndex && n.endIndex <= t.call.node.endIndex;
      return t.call.args.some((a) => inCall(a.value) && ((a.value.startIndex === from && a.value.endIndex === to)
        // A keyword passed on through `**kwargs` as written: renaming it where it is written is renaming the library's.
        || (!!a.name && keywordAsWritten(t.call, a.name) && inCall(a.node) && a.node.startIndex <= from && to <= a.node.endIndex)));
    });
    return fixes.filter((f) => f.edits.every(ok));
  }

  report(r: Report): void {
    const range = r.range ?? (r.node ? this.a.source.nodeRange(r.node) : undefined);
    if (!range) throw new Error(`${this.rule.code}: report() needs a node or a range`);
    const severity = r.severity ?? this.rule.severity;
    const related = (r.related ?? []).map((x) => ({ range: this.a.source.nodeRange(x.node), message: x.message }));
    // The same finding again, for another trainer built from the same arguments (one `args=` shared by several
    // trainers, or `try: SFTTrainer(processing_class=…) except TypeError: SFTTrainer(tokenizer=…)`): one finding,
    // which points at every trainer, as findings the pipelines share are reported once (`lint/pipelines.ts`). Not when
    // the two offer different fixes (each trainer its own edit): both stay.
    const fixes = this.editable(r.fixes ?? []);
    const same = this.sink.find((d) => d.severity === severity && d.message === r.message && sameRange(d.range, range)
      && JSON.stringify(d.fixes) === JSON.stringify(fixes));
    if (same) {
      for (const x of related) if (!same.related.some((y) => y.message === x.message && sameRange(y.range, x.range))) same.related.push(x);
      return;
    }
    this.sink.push({
      code: this.rule.code,
      name: this.rule.name,
      severity,
      message: r.message,
      range,
      related,
      tags: r.tags ?? [],
      fixes,
      docsUrl: docsUrl(this.rule.code),
    });
  }
}

/** Does edit range `e` touch `[start, end)` (offsets)? */
function touches(source: Analysis['source'], e: Range, start: number, end: number): boolean {
  return source.offsetAt(e.start) <= end && source.offsetAt(e.end) >= start;
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character
    && a.end.line === b.end.line && a.end.character === b.end.character;
}
