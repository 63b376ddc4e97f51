/**
 * TL501's second shape: reading `trainer.tokenizer` after building a trainer. transformers deprecated the property for
 * `processing_class` in 4.46 and removed it in 5.0 (`src/transformers/trainer.py`: `def tokenizer(self)` with
 * "Trainer.tokenizer is now deprecated. You should use Trainer.processing_class instead." at v4.46.0–v4.57.0, absent at
 * v5.0.0, v5.5.0 and v5.15.0), and TRL's trainers define no attribute of that name (`trl/trainer` at v0.24.0, v0.29.0,
 * v1.0.0 and v1.9.0: no `self.tokenizer =`). On 5.x the read raises AttributeError, typically after training, when the
 * script saves the tokenizer beside the model (yiqiao-yin/deepspeed-course#22).
 */
import type { Node } from 'web-tree-sitter';
import { resolveExpression } from '../facts/reaching';
import { assignmentsWhere, callsWhere } from '../facts/selections';
import type { AssignmentFact, CallFact } from '../facts/types';
import { trainerPackage, type TrainerFact } from '../domain/trainers';
import { caughtBy, CATCHES_ATTRIBUTE_ERROR } from '../domain/version-guards';
import { driftVerdict } from './drift';
import { replaceNode } from './edits';
import type { RuleContext } from './context';

/** `x.tokenizer` as an expression node. */
function isTokenizerAttribute(n: Node | null | undefined): boolean {
  return !!n && n.type === 'attribute' && n.childForFieldName('attribute')?.text === 'tokenizer'
    && n.childForFieldName('object')?.type === 'identifier';
}

/**
 * `trainer.tokenizer.save_pretrained(…)`, `trainer.tokenizer(…)`, `f(trainer.tokenizer)`. Each of those nodes is part of
 * the call, so a call whose (kept) text lacks the word is not walked: most calls, whose arguments no other rule asks for.
 */
function usesTokenizerAttribute(c: CallFact): boolean {
  return c.text.includes('tokenizer')
    && (isTokenizerAttribute(c.receiver) || isTokenizerAttribute(c.callee) || c.args.some((a) => isTokenizerAttribute(a.value)));
}

/** `tok = trainer.tokenizer`. */
function assignsTokenizerAttribute(a: AssignmentFact): boolean {
  return a.valueText.includes('tokenizer') && isTokenizerAttribute(a.value);
}

/** The `x.tokenizer` reads of the script, each once. */
function tokenizerReads(ctx: RuleContext): Node[] {
  const seen = new Map<number, Node>();
  for (const c of callsWhere(ctx.facts, usesTokenizerAttribute)) {
    for (const n of [c.receiver, c.callee, ...c.args.map((a) => a.value)]) if (n && isTokenizerAttribute(n)) seen.set(n.id, n);
  }
  for (const a of assignmentsWhere(ctx.facts, assignsTokenizerAttribute)) seen.set(a.value.id, a.value);
  return [...seen.values()];
}

/** A trainer whose class (or the script's subclass of it) may hold its own `tokenizer`. */
function mayHoldTokenizer(t: TrainerFact): boolean {
  if (t.kind === 'PPOTrainer' || t.kind === 'UnslothTrainer') return true;
  const sub = t.subclass;
  if (!sub) return false;
  return !sub.node || sub.overrides.has('tokenizer') || /self\.tokenizer\s*=|def\s+tokenizer\b/.test(sub.node.text);
}

/**
 * The read runs only where the script checked for the attribute (`if hasattr(trainer, "tokenizer"):`, a `getattr` with
 * a default) or caught its absence (`try: … except AttributeError:`, or a bare/`Exception` handler).
 */
function guardedRead(read: Node, object: string): boolean {
  const probe = new RegExp(`\\b(hasattr|getattr)\\(\\s*${object.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*,\\s*['"]tokenizer['"]`);
  if (caughtBy(read, CATCHES_ATTRIBUTE_ERROR)) return true;
  for (let n: Node | null = read.parent; n; n = n.parent) {
    if (n.type === 'if_statement' || n.type === 'elif_clause' || n.type === 'conditional_expression' || n.type === 'while_statement') {
      if (probe.test(n.childForFieldName('condition')?.text ?? n.text.split('\n')[0])) return true;
      // An `elif` after an `if hasattr(…)` branch: the chain as a whole checked for it.
      if (n.type === 'if_statement' && probe.test(n.text)) return true;
    }
    if (n.type === 'function_definition') break;
  }
  return false;
}

export function reportTrainerTokenizerAttribute(ctx: RuleContext): void {
  if (ctx.unsloth.imported) return;
  const reads = tokenizerReads(ctx);
  if (!reads.length) return;
  for (const read of reads) {
    const object = read.childForFieldName('object')!;
    const built = resolveExpression(ctx.facts, object);
    const t = ctx.trainers.find((x) => x.call.node.id === built.id);
    if (!t || mayHoldTokenizer(t) || guardedRead(read, object.text)) continue;
    const root = trainerPackage(t);
    if (root !== 'trl' && root !== 'transformers') continue;
    // TRL's trainers before 0.12 kept `self.tokenizer` themselves.
    if (root === 'trl' && ctx.env.gate('trl', { before: '0.12' }) === 'affected') continue;
    const v = driftVerdict(ctx, 'transformers', '5.0', '4.46', read);
    if (!v) continue;
    const written = read.text;
    const instead = `${object.text}.processing_class`;
    const message = v.phase === 'removed'
      ? `\`${written}\`: transformers 5.0 removed \`Trainer.tokenizer\`${v.note}, and ${t.kind} defines no attribute of that name, so this raises "AttributeError: '${t.kind}' object has no attribute 'tokenizer'" (after training, when it is read there); use \`${instead}\`.`
      : v.phase === 'deprecated'
        ? `\`${written}\`: \`Trainer.tokenizer\` is deprecated${v.note} and removed in transformers 5.0; use \`${instead}\`.`
        : `\`${written}\` raises AttributeError on transformers ≥ 5.0, which removed \`Trainer.tokenizer\` (deprecated from 4.46; ${v.note.slice(2, -1)}); use \`${instead}\`.`;
    ctx.report({
      node: read,
      severity: v.severity,
      tags: v.tags,
      message,
      fixes: [{ title: `Use ${instead}`, applicability: v.phase === 'unknown' ? 'unsafe' : 'safe', edits: [replaceNode(ctx.source, read, instead)] }],
    });
  }
}
