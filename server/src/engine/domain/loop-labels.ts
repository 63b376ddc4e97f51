/**
 * Labels a hand-written training loop hands to the model: `model(…, labels=labels)` where `labels` is the `input_ids`
 * of a tokenizer call in the same function (`labels = processor.tokenizer(text=answers, padding=True,
 * return_tensors="pt").input_ids.to(device)`, the Florence-2 fine-tuning tutorial's loop). The model's loss ignores
 * only -100, so such labels train whatever the call wrote, padding included.
 */
import type { Node } from 'web-tree-sitter';
import type { CallFact, FileFacts } from '../facts/types';
import { callsWhere } from '../facts/selections';
import { evaluateNumber, evaluateString } from '../facts/values';
import { inputIdsBase, resolveLocal } from './label-flow';

export interface LoopLabels {
  /** The `labels=` argument. */
  arg: Node;
  /** The expression whose `input_ids` the labels are (`processor.tokenizer(…)`). */
  base: Node;
  scope: Node | null;
}

/** `x.to(device)`, `x.cuda()`, `x.long()`: the same ids on another device or dtype. */
function stripDevice(node: Node): Node {
  let n = node;
  for (let i = 0; i < 4 && n.type === 'call'; i++) {
    const fn = n.childForFieldName('function');
    if (fn?.type !== 'attribute' || !/^(to|cuda|long|cpu)$/.test(fn.childForFieldName('attribute')?.text ?? '')) break;
    n = fn.childForFieldName('object')!;
  }
  return n;
}

/**
 * The call is in a loop that steps the model: its innermost `for`/`while` holds a `.backward(` and the call is not under
 * `with torch.no_grad():` / `torch.inference_mode()` (an evaluation loop, or a forward pass run for profiling, trains nothing).
 */
function inTrainingLoop(node: Node): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'function_definition' || p.type === 'module') return false;
    if (p.type === 'with_statement' && /^with\s+(torch\.)?(no_grad|inference_mode)\(/.test(p.text)) return false;
    if (p.type === 'for_statement' || p.type === 'while_statement') return /\.backward\(/.test(p.text);
  }
  return false;
}

/** Selection test for `callsWhere`: a call given `labels=` (not `dict(labels=…)`, which builds a batch). */
const passesLabels = (c: CallFact): boolean => c.keywords.has('labels') && c.calleeText !== 'dict';
const isDataLoader = (c: CallFact): boolean => /(^|\.)DataLoader$/.test(c.calleeText);

/** The `labels=` arguments of model calls in a training loop whose value is a tokenizer call's `input_ids`. */
export function loopLabels(facts: FileFacts): LoopLabels[] {
  const out: LoopLabels[] = [];
  for (const c of callsWhere(facts, passesLabels)) {
    const arg = c.keywords.get('labels')!;
    if (!inTrainingLoop(c.node)) continue;
    const base = inputIdsBase(facts, stripDevice(resolveLocal(facts, arg.value)));
    if (base?.type === 'call') out.push({ arg: arg.node, base, scope: c.scope });
  }
  return out;
}

/**
 * The batch sizes of the file's `DataLoader`s when every one is a number (`batch_size=` or the second positional
 * argument; PyTorch's default is 1); undefined when one is not known.
 */
export function dataLoaderBatchSizes(facts: FileFacts): number[] | undefined {
  const sizes: number[] = [];
  for (const c of callsWhere(facts, isDataLoader)) {
    if (c.hasSplat) return undefined;
    const arg = c.keywords.get('batch_size') ?? c.positional[1];
    const n = arg ? evaluateNumber(facts, arg.value) : 1;
    if (n === undefined) return undefined;
    sizes.push(n);
  }
  return sizes.length ? sizes : undefined;
}

/** Selection test for `callsWhere`: a loss call that returns the per-token losses (`reduction="none"`). */
const unreduced = (c: CallFact): boolean => c.keywords.has('reduction');

/** A line that weights a loss by an attention mask: `(loss * shift_attention_mask).sum()`, `mask.float() * losses`. */
const MASKED_LOSS = [/[\w\])]\s*\*\s*\(?\s*[\w.]*attention_mask/, /attention_mask[\w.]*(?:\([^()]*\))?\s*\*(?!\*)/];

/**
 * The script's own loss leaves the padding out: a loss call with `reduction="none"` whose per-token losses a line of the
 * script multiplies by an attention mask (the mask is 0 at every pad position a padding tokenizer call writes), as in
 * wahabzh/lora-smollm-finetuning `lora_smollm_finetuning.ipynb`: `CrossEntropyLoss(reduction="none")`, then
 * `(loss * shift_attention_mask).sum() / shift_attention_mask.sum()`. Labels copied from padded ids are then never
 * trained at the pad positions.
 */
export function lossMaskedByAttention(facts: FileFacts, text: string): boolean {
  if (!callsWhere(facts, unreduced).some((c) => evaluateString(facts, c.keywords.get('reduction')!.value) === 'none')) return false;
  return text.split('\n').some((raw) => {
    const line = raw.replace(/#.*/, '');
    return /loss/i.test(line) && MASKED_LOSS.some((re) => re.test(line));
  });
}
