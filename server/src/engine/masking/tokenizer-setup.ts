/**
 * TRL's chat-format helpers as the preview applies them to the trainer's tokenizer (script-plan.ts finds the calls
 * that run on it before the trainer; see docs/masking-preview.md). What each does, from TRL's source:
 *
 * - `setup_chat_format(model, tokenizer)` (`trl/models/utils.py`, v0.7.10–v0.25.1; gone in v0.26.0): sets
 *   `eos_token` and `pad_token` to `<|im_end|>` and `bos_token` to `<|im_start|>` (`ChatMlSpecialTokens`, the
 *   only format), adds both with `add_special_tokens({"additional_special_tokens": [bos, eos]})`, and sets the
 *   ChatML template (`<|im_start|>ROLE\ncontent<|im_end|>\n` per message, no system default; our `chatml`
 *   template renders the same text). From v0.12.0 it first raises `ValueError("Chat template is already added to
 *   the tokenizer…")` when `tokenizer.chat_template` is not None.
 * - `clone_chat_template(model, tokenizer, source)` (`trl/models/utils.py` v0.19.0–v0.26.x,
 *   `trl/chat_template_utils.py` from v0.27.0): loads the source tokenizer, copies
 *   `get_chat_template()`, adds every token of its `added_tokens_decoder` with `add_tokens` (from v0.20.0 only those
 *   whose text `tokenizer.vocab` lacks), and sets `eos_token` to the source's. BOS and pad are left alone. From v0.20.0
 *   it also pads the vocabulary with `<extra_id_N>` tokens up to the resized embedding (not modelled: they matter only
 *   to a text that spells them).
 */
import { CHATML } from '../chat/templates/chatml';
import { compareVersions } from '../env/versions';
import { editTokenizer } from './tokenizer-edit';
import type { TokenizerStore } from './tokenizer-store';
import type { SourceTokenizer, TextTokenizer, TokenizerEdit, TokenizerSetup } from './types';

/** What `setup_chat_format` does to a tokenizer (its `ChatMlSpecialTokens`). */
export const SETUP_CHAT_FORMAT_EDIT: TokenizerEdit = {
  addedTokens: [{ content: '<|im_start|>', special: true }, { content: '<|im_end|>', special: true }],
  bosToken: '<|im_start|>',
  eosToken: '<|im_end|>',
  padToken: '<|im_end|>',
  chatTemplate: CHATML,
};

/** TRL releases with each helper, and the ones `setup_chat_format` refuses a tokenizer with a template in. */
const SETUP_FROM = '0.7.10';
const SETUP_REMOVED = '0.26';
/** The last TRL release with `setup_chat_format`. */
export const SETUP_CHAT_FORMAT_LAST = '0.25.1';
const SETUP_RAISES_FROM = '0.12';
const CLONE_FROM = '0.19';
const CLONE_SKIPS_KNOWN_FROM = '0.20';

/** How the preview's header names the template a helper sets. */
export function setupLabel(s: TokenizerSetup): string {
  return s.helper === 'setup_chat_format' ? 'TRL setup_chat_format: ChatML' : `TRL clone_chat_template: ${s.sourceId ?? 'a source trainlint cannot name'}`;
}

export interface AppliedSetups {
  tok: TextTokenizer;
  /** One line per applied call: tokens added with their ids, EOS/BOS/pad changes. */
  changes: string[];
  /** The label of the last applied call that set the template. */
  templateLabel?: string;
}

const ge = (v: string | undefined, x: string) => v !== undefined && compareVersions(v, x) >= 0;
const q = (s: string | undefined) => JSON.stringify(s ?? '');

/** A sentence naming a few tokens: `"<|im_start|>" and "<|im_end|>"`, `"a", "b", … (26 tokens)`. */
function listTokens(tokens: string[]): string {
  if (tokens.length <= 3) return tokens.length === 2 ? `${q(tokens[0])} and ${q(tokens[1])}` : tokens.map(q).join(', ');
  return `${tokens.slice(0, 3).map(q).join(', ')}, … (${tokens.length} tokens)`;
}

/** What changed from `before` to `after`, in one line. */
function describeChange(s: TokenizerSetup, edit: TokenizerEdit, before: TextTokenizer, after: TextTokenizer): string {
  const fresh = edit.addedTokens.filter((t) => before.tokenId(t.content) === undefined && after.tokenId(t.content) !== undefined);
  const ids = fresh.map((t) => after.tokenId(t.content) as number);
  const parts: string[] = [];
  if (after.approximate && edit.addedTokens.length) {
    // The approximate tokenizer has no vocabulary: it keeps each added token whole, with an id of its own making.
    parts.push(`${listTokens(edit.addedTokens.map((t) => t.content))} added as special token${edit.addedTokens.length > 1 ? 's' : ''}, each kept whole (ids not known without the real tokenizer)`);
  } else if (fresh.length) {
    const span = ids.length > 3 ? `ids ${ids[0]}–${ids[ids.length - 1]}` : ids.join(', ');
    parts.push(`${listTokens(fresh.map((t) => t.content))} added as new token${fresh.length > 1 ? 's' : ''} (${span})`);
  } else if (edit.addedTokens.length) {
    parts.push(`no new token (the vocabulary has ${edit.addedTokens.length > 1 ? 'them' : 'it'} already)`);
  }
  const swap = (what: string, old: string | undefined, now: string | undefined) => {
    if (now !== undefined && now !== old) parts.push(`${what} ${q(now)}${old !== undefined ? ` (was ${q(old)})` : ''}`);
  };
  swap('EOS', before.eosToken, after.eosToken);
  swap('pad', before.padToken, after.padToken);
  swap('BOS', before.bosToken, after.bosToken);
  return `${s.helper} (${s.where}): ${parts.join('; ') || 'nothing changes'}`;
}

/**
 * Apply the setups to `tok` in order. A call the run cannot get past (a helper its TRL lacks, `setup_chat_format`
 * on a tokenizer with a template, a clone source that is not on this machine) is a run-level warning in `out` and
 * `fatal`: the preview shows no tokens rather than tokens the run would not see.
 */
export function applyTokenizerSetups(setups: readonly TokenizerSetup[], tok: TextTokenizer, out: string[]): AppliedSetups | { fatal: true } {
  let current = tok;
  const changes: string[] = [];
  let templateLabel: string | undefined;
  for (const s of setups) {
    const v = s.trlVersion;
    const trl = `TRL ${v}${s.trlAssumed ? ` (${s.trlAssumed})` : ''}`;
    // Whether `tokenizer.chat_template` is set when the call runs: the script's own assignment before it decides;
    // else an earlier call's template, or the tokenizer's own (unknown for the approximation).
    const unknown = s.templateBefore === 'unknown' || (s.templateBefore === undefined && current === tok && tok.approximate);
    const why = s.templateBefore === 'set' ? 'the script sets a chat template on the tokenizer before it'
      : s.templateBefore === 'none' || unknown || current.chatTemplate === undefined ? undefined
        : current === tok ? `the tokenizer of ${tok.source} ships a chat template` : 'an earlier call gave the tokenizer a chat template';
    if (s.ifNoTemplate) {
      // `if tokenizer.chat_template is None:` around the call: the tokenizer decides.
      if (unknown) {
        out.push(`${s.helper} (${s.where}) runs only if the tokenizer has no chat template, which ${s.templateBefore === 'unknown' ? 'depends on a condition before it' : 'is not known without the tokenizer'}: the preview does not apply it`);
        continue;
      }
      if (why) {
        changes.push(`${s.helper} (${s.where}) does not run: the script calls it only when the tokenizer has no chat template, and ${why}`);
        continue;
      }
    }
    let edit: TokenizerEdit;
    if (s.helper === 'setup_chat_format') {
      if (v && compareVersions(v, SETUP_FROM) < 0) {
        out.push(`setup_chat_format (${s.where}) is not in ${trl} (added in ${SETUP_FROM}): the script stops with ImportError before training`);
        return { fatal: true };
      }
      if (ge(v, SETUP_REMOVED)) {
        out.push(`setup_chat_format (${s.where}) is not in ${trl} (removed in 0.26): the script stops with ImportError before training (use clone_chat_template)`);
        return { fatal: true };
      }
      const raisesHere = !v || ge(v, SETUP_RAISES_FROM);
      if (raisesHere && why) {
        const assumed = v ? ` (${trl})` : ' (TRL version unknown: as TRL 0.12–0.25 do)';
        if (s.inTry) {
          out.push(`setup_chat_format (${s.where}) raises ValueError "Chat template is already added to the tokenizer"${assumed}: ${why}. The \`try\` around it catches it, so the tokenizer keeps its template and tokens`);
          continue;
        }
        out.push(`setup_chat_format (${s.where}) raises ValueError "Chat template is already added to the tokenizer"${assumed}: ${why}, so training never starts. Set \`tokenizer.chat_template = None\` before it to replace that template with ChatML, or drop the call to keep it`);
        return { fatal: true };
      }
      if (raisesHere && unknown) {
        out.push(`setup_chat_format (${s.where}): on TRL 0.12–0.25 it raises ValueError if the tokenizer has a chat template then, which ${s.templateBefore === 'unknown' ? 'depends on a condition before it' : 'is not known without the tokenizer'}; the preview shows the run where it does not`);
      }
      edit = SETUP_CHAT_FORMAT_EDIT;
    } else {
      if (v && compareVersions(v, CLONE_FROM) < 0) {
        out.push(`clone_chat_template (${s.where}) is not in ${trl} (added in 0.19): the script stops with ImportError before training`);
        return { fatal: true };
      }
      if (!s.sourceId) {
        out.push(`clone_chat_template (${s.where}) copies the template of a tokenizer whose name trainlint cannot evaluate: the preview cannot render the rows with the template the run uses`);
        return { fatal: true };
      }
      const src = s.source;
      if (!src) {
        out.push(`clone_chat_template (${s.where}) copies the chat template and tokens of "${s.sourceId}", which were not read for this preview`);
        return { fatal: true };
      }
      if ('missing' in src) {
        out.push(`clone_chat_template (${s.where}) copies the chat template and tokens of "${s.sourceId}", which the preview cannot read: ${src.missing}. The run downloads it; the preview shows no rows rather than rows rendered with another template`);
        return { fatal: true };
      }
      if (src.chatTemplate === undefined) {
        out.push(`clone_chat_template (${s.where}) raises ValueError: the tokenizer of "${s.sourceId}" has no chat template to copy, so training never starts`);
        return { fatal: true };
      }
      edit = { addedTokens: src.addedTokens, skipKnown: !v || ge(v, CLONE_SKIPS_KNOWN_FROM), eosToken: src.eosToken, chatTemplate: src.chatTemplate };
    }
    const next = editTokenizer(current, edit);
    changes.push(describeChange(s, edit, current, next));
    current = next;
    templateLabel = setupLabel(s);
  }
  return { tok: current, changes, templateLabel };
}

/** What a clone copies from a loaded source tokenizer. */
export function sourceTokenizerOf(tok: TextTokenizer): SourceTokenizer {
  return { chatTemplate: tok.chatTemplate, eosToken: tok.eosToken, addedTokens: [...(tok.addedTokens ?? [])] };
}

/** The sources of the plan's `clone_chat_template` calls, read offline through `store` (by source id). */
export async function readSetupSources(setups: readonly TokenizerSetup[] | undefined, store: Pick<TokenizerStore, 'load'>, baseDir?: string): Promise<Map<string, SourceTokenizer | { missing: string }>> {
  const sources = new Map<string, SourceTokenizer | { missing: string }>();
  for (const s of setups ?? []) {
    if (s.helper !== 'clone_chat_template' || !s.sourceId || sources.has(s.sourceId)) continue;
    const loaded = await store.load({ modelId: s.sourceId, baseDir });
    sources.set(s.sourceId, loaded.ok ? sourceTokenizerOf(loaded.tokenizer) : { missing: loaded.message });
  }
  return sources;
}

/** The setups with their clone sources filled in from `sources`. */
export function withSources(setups: readonly TokenizerSetup[], sources: ReadonlyMap<string, SourceTokenizer | { missing: string }> | undefined): TokenizerSetup[] {
  return setups.map((s) => (s.helper === 'clone_chat_template' && s.sourceId && !s.source && sources?.has(s.sourceId) ? { ...s, source: sources.get(s.sourceId) } : s));
}

/** The EOS and BOS the tokenizer has after the setups (undefined: unchanged, or not known before the source is read). */
export function setupSpecialTokens(setups: readonly TokenizerSetup[]): { eosToken?: string; bosToken?: string } {
  let eosToken: string | undefined;
  let bosToken: string | undefined;
  for (const s of setups) {
    if (s.ifNoTemplate) continue; // runs or not as the tokenizer has a template: not known here
    if (s.helper === 'setup_chat_format') { eosToken = SETUP_CHAT_FORMAT_EDIT.eosToken; bosToken = SETUP_CHAT_FORMAT_EDIT.bosToken; }
    else if (s.source && !('missing' in s.source)) eosToken = s.source.eosToken ?? eosToken;
  }
  return { eosToken, bosToken };
}
