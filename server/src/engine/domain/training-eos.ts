/**
 * Whether the training rows hold an EOS token: the spellings of end tokens, a causal-LM script (whose tokenizers
 * append no EOS), and rows tokenized straight from a dataset column with nothing appended.
 * Used by TL104 (hand-built text without EOS) and TL006 (what a pad == EOS collator masks).
 */
import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../rules/context';
import type { CallFact } from '../facts/types';
import { formattingFunction } from './formatted-text';
import { isTokenizingCall } from './label-flow';
import { trainerArg, type TrainerFact } from './trainers';
import { assignmentsTo } from '../facts/reaching';
import type { FileFacts } from '../facts/types';

/** End-of-sequence spellings: a template that contains one already ends its samples. */
export const EOS_LITERAL = /<\/s>|<\|endoftext\|>|<\|im_end\|>|<\|eot_id\|>|<end_of_turn>|<\|end\|>|<eos>|<\|end_of_text\|>|<turn\|>|<\|return\|>/;
/** Code that names the EOS token in any way (`eos_token`, `EOS_TOKEN`, `eos_token_id`). */
export const MENTIONS_EOS = /eos/i;

/**
 * Code that names the EOS token, also through a name the script gave it: `end_of_sentence_token = tokenizer.eos_token`
 * read in a formatting function (Bhargavi-2003/fine-tuning `fine_tuning_deepseek_r1.ipynb`, DataCamp's DeepSeek-R1
 * tutorial). A name counts when every plain assignment to it in the file is an EOS token (`….eos_token`, or a string
 * that spells an end token), so a name that may hold anything else does not.
 */
export function mentionsEos(facts: FileFacts, node: Node): boolean {
  if (MENTIONS_EOS.test(node.text)) return true;
  const seen = new Set<string>();
  for (const id of node.descendantsOfType('identifier')) {
    if (!id || seen.has(id.text)) continue;
    seen.add(id.text);
    if (isEosAlias(facts, id.text)) return true;
  }
  return false;
}

function isEosAlias(facts: FileFacts, name: string): boolean {
  const sets = assignmentsTo(facts, name);
  return sets.length > 0 && sets.every((a) => a.unpackIndex === undefined
    && (/^[\w.]+\.eos_token$/.test(a.value.text) || (a.value.type === 'string' && EOS_LITERAL.test(a.value.text))));
}

/**
 * A script that trains a causal LM (and no encoder-decoder: T5 and BART tokenizers append `</s>` themselves), so
 * `tokenizer(text)` appends no EOS unless the script asks for it (`add_eos_token=True`).
 */
export function causalLmScript(ctx: RuleContext): boolean {
  const text = ctx.a.text;
  if (/Seq2SeqLM|ForConditionalGeneration|Seq2SeqTrainer|["'][\w./-]*(t5|bart|pegasus|marian)[\w./-]*["']/i.test(text)) return false;
  return namesCausalLmClass(ctx);
}

const CAUSAL_LM = /ForCausalLM|FastLanguageModel|FastModel/;
/**
 * The script names a causal-LM class (`…ForCausalLM`, Unsloth's `FastLanguageModel` / `FastModel`) in code. Names in
 * code only: a comment or string that mentions `AutoModelForCausalLM` ("we use a classifier here, not
 * AutoModelForCausalLM") does not make a script a causal-LM one.
 */
export function namesCausalLmClass(ctx: RuleContext): boolean {
  if (!CAUSAL_LM.test(ctx.a.text)) return false;
  // Where code names a class: an import, a call (`AutoModelForCausalLM.from_pretrained(…)`), an assignment
  // (`cls = transformers.AutoModelForCausalLM`), a class's bases. Read from the facts: a walk of every identifier
  // of the script ran once per pipeline (a 2,000-line script of 59 views: 140 ms a lint).
  const f = ctx.facts;
  return f.imports.some((i) => CAUSAL_LM.test(i.name ?? i.module) || CAUSAL_LM.test(i.local))
    || f.calls.some((c) => CAUSAL_LM.test(c.calleeText))
    || f.assignments.some((a) => CAUSAL_LM.test(a.value.text) && a.value.descendantsOfType('identifier').some((n) => !!n && CAUSAL_LM.test(n.text)))
    || f.classes.some((c) => c.bases.some((b) => CAUSAL_LM.test(b)));
}

/** `row["col"]` on one of `fn`'s parameters: text straight from the dataset. */
function rowColumn(fn: Node, node: Node): boolean {
  if (node.type !== 'subscript') return false;
  const obj = node.childForFieldName('value');
  const params = fn.childForFieldName('parameters')?.namedChildren ?? [];
  return obj?.type === 'identifier' && params.some((p) => p?.text === obj.text) && node.childForFieldName('subscript')?.type === 'string';
}

/**
 * The tokenizer call that makes the trainer's rows when it tokenizes a dataset column as it is (`data.map(lambda s:
 * tokenizer(s["prompt"]))`) in a causal-LM script: that text holds no EOS, and nothing on the way (no step, no mapped
 * function, no `add_eos_token=True`) names one. Undefined when the rows come any other way or an EOS may be added.
 */
export function rowsTokenizedWithoutEos(ctx: RuleContext, t: TrainerFact): CallFact | undefined {
  if (!causalLmScript(ctx) || /add_eos_token\s*=\s*True/.test(ctx.a.text)) return undefined;
  const ds = ctx.datasets.at(trainerArg(t, 'train_dataset')?.value);
  const steps = ds?.steps ?? [];
  if (steps.some((s) => mentionsEos(ctx.facts, s.node))) return undefined;
  let found: CallFact | undefined;
  for (const s of steps) {
    const call = ctx.callAt(s.node);
    if (call?.method !== 'map') continue;
    const fn = formattingFunction(ctx.facts, (call.positional[0] ?? call.keywords.get('function'))?.value);
    if (!fn || mentionsEos(ctx.facts, fn.node) || /apply_chat_template/.test(fn.node.text) || EOS_LITERAL.test(fn.node.text)) return undefined;
    const tokenizing = ctx.facts.calls.filter((c) => isTokenizingCall(c) && c.node.startIndex >= fn.node.startIndex && c.node.endIndex <= fn.node.endIndex);
    if (tokenizing.length === 0) continue;
    if (tokenizing.length > 1 || found) return undefined;
    const text = tokenizing[0].positional[0]?.value;
    if (!text || !rowColumn(fn.node, text)) return undefined;
    found = tokenizing[0];
  }
  return found;
}
