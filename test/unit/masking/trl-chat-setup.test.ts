/**
 * TRL's setup_chat_format / clone_chat_template before the trainer: the plan says which calls change the trainer's
 * tokenizer (and which do not provably), and the preview renders with the template and tokens the run has
 * (TRL trl/models/utils.py v0.19.0–v0.25.1, trl/chat_template_utils.py v0.27.0+).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ready } from '../helpers';
import { analyse } from '../../../server/src/engine/lint/analysis';
import { Environment } from '../../../server/src/engine/env/versions';
import { ParsedScript } from '../../../server/src/engine/syntax/parsed-script';
import { ScriptDocument } from '../../../server/src/engine/syntax/script-document';
import { planFromScript, trainerPlan } from '../../../server/src/engine/masking/script-plan';
import { previewScriptMasking, renderScriptMasking } from '../../../server/src/engine/masking/script-preview';
import { previewMasking } from '../../../server/src/engine/masking/preview';
import { approximateTokenizer } from '../../../server/src/engine/masking/approx-tokenizer';
import { addedTokenEntries, editTokenizer } from '../../../server/src/engine/masking/tokenizer-edit';
import { SETUP_CHAT_FORMAT_EDIT } from '../../../server/src/engine/masking/tokenizer-setup';
import type { MaskingPlan, PlanRow, TokenizerSetup } from '../../../server/src/engine/masking/types';
import { CONVERSATION, fakeHfCache, only, trainedRuns } from './fixtures';

const LLAMA = 'meta-llama/Llama-3.1-8B-Instruct';
const QWEN = 'Qwen/Qwen3-8B';

function withAnalysis<T>(text: string, fn: (a: ReturnType<typeof analyse>) => T, path = '/tmp/trainlint-test/train.py'): T {
  const doc = ScriptDocument.fromPython(path, text);
  const script = ParsedScript.parse(doc.text);
  try {
    return fn(analyse(doc, script, new Environment()));
  } finally { script.dispose(); }
}

function planOf(text: string) {
  return withAnalysis(text, (a) => {
    const p = planFromScript(a, { rows: 1 });
    assert.ok('plan' in p, JSON.stringify(p));
    return p;
  });
}

const HEAD = `from datasets import Dataset
from transformers import AutoModelForCausalLM, AutoTokenizer
from trl import SFTConfig, SFTTrainer, setup_chat_format, clone_chat_template
model = AutoModelForCausalLM.from_pretrained("${LLAMA}")
tokenizer = AutoTokenizer.from_pretrained("${LLAMA}")
dataset = Dataset.from_list([{"messages": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello!"}]}])
`;
const TRAINER = 'trainer = SFTTrainer(model=model, processing_class=tokenizer, train_dataset=dataset, args=SFTConfig(output_dir="o"))\n';

describe('masking plan: TRL chat-format helpers on the trainer\'s tokenizer', () => {
  before(ready);

  it('puts setup_chat_format on the trainer\'s tokenizer into the plan, and names it in the title', () => {
    const p = planOf(`${HEAD}model, tokenizer = setup_chat_format(model, tokenizer)\n${TRAINER}`);
    assert.deepEqual(p.plan.tokenizerSetups, [{ helper: 'setup_chat_format', where: 'line 7', trlVersion: undefined }]);
    assert.equal(p.plan.template, undefined);
    assert.match(p.title, /· TRL setup_chat_format: ChatML$/);
    assert.deepEqual(p.notes, []);
  });

  it('recognises the helpers however they are imported from trl, and not a function of the same name', () => {
    for (const [imp, call] of [
      ['from trl.models.utils import setup_chat_format', 'setup_chat_format(model, tokenizer)'],
      ['import trl', 'trl.setup_chat_format(model, tokenizer)'],
      ['from trl.chat_template_utils import clone_chat_template as clone', 'clone(model, tokenizer, "Qwen/Qwen3-8B")'],
    ]) {
      const p = planOf(`${HEAD}${imp}\n${call}\n${TRAINER}`);
      assert.equal(p.plan.tokenizerSetups?.length, 1, `${imp}: ${JSON.stringify(p.plan.tokenizerSetups)}`);
    }
    const own = planOf(`${HEAD.replace('setup_chat_format, ', '')}def setup_chat_format(m, t):\n    return m, t\nmodel, tokenizer = setup_chat_format(model, tokenizer)\n${TRAINER}`);
    assert.equal(own.plan.tokenizerSetups, undefined);
  });

  it('clone_chat_template: the source id as evaluated, positional or keyword', () => {
    const p = planOf(`${HEAD}SOURCE = "Qwen/Qwen3-8B"\nmodel, tokenizer, added = clone_chat_template(model, tokenizer, source_tokenizer_path=SOURCE)\n${TRAINER}`);
    assert.equal(p.plan.tokenizerSetups?.[0].sourceId, QWEN);
    assert.match(p.title, /TRL clone_chat_template: Qwen\/Qwen3-8B$/);
  });

  it('does not assume a call ran when it is in a branch, a loop, or on another tokenizer, and says so', () => {
    const cases: Array<[string, RegExp]> = [
      ['if args.chatml:\n    model, tokenizer = setup_chat_format(model, tokenizer)\n', /setup_chat_format \(line 8\) is not applied: it runs only if `args\.chatml`/],
      ['for _ in range(n):\n    setup_chat_format(model, tokenizer)\n', /is not applied: it is in a loop the trainer is not in/],
      ['ref = AutoTokenizer.from_pretrained("x")\nmodel, ref = setup_chat_format(model, ref)\n', /setup_chat_format \(line 8\) is not applied: it changes `ref`, not `tokenizer`, the tokenizer the trainer gets/],
      ['try:\n    pass\nexcept Exception:\n    setup_chat_format(model, tokenizer)\n', /is not applied: it is in an `except` handler/],
    ];
    for (const [code, note] of cases) {
      const p = planOf(`${HEAD}${code}${TRAINER}`);
      assert.equal(p.plan.tokenizerSetups, undefined, code);
      assert.ok(p.notes.some((n) => note.test(n)), `${code}: ${p.notes.join(' | ')}`);
      assert.doesNotMatch(p.title, /setup_chat_format/);
    }
  });

  it('a trainer given no tokenizer loads its own: the call is named, not applied', () => {
    const p = planOf(`${HEAD}model, tokenizer = setup_chat_format(model, tokenizer)\ntrainer = SFTTrainer(model=model, train_dataset=dataset, args=SFTConfig(output_dir="o"))\n`);
    assert.equal(p.plan.tokenizerSetups, undefined);
    assert.match(p.notes.join('\n'), /the trainer is given no tokenizer/);
  });

  it('ignores calls the script never runs or runs after the trainer, and calls on an earlier tokenizer of the same name', () => {
    for (const code of [
      `if False:\n    setup_chat_format(model, tokenizer)\n${TRAINER}`,
      `${TRAINER}setup_chat_format(model, tokenizer)\n`,
      `setup_chat_format(model, tokenizer)\ntokenizer = AutoTokenizer.from_pretrained("${LLAMA}")\n${TRAINER}`,
    ]) {
      const p = planOf(`${HEAD}${code}`);
      assert.equal(p.plan.tokenizerSetups, undefined, code);
      assert.deepEqual(p.notes, [], code);
    }
  });

  it('follows the tokenizer into the script\'s own loader, and a guard the script decides', () => {
    const loader = `def load():
    tok = AutoTokenizer.from_pretrained("${LLAMA}")
    tok.chat_template = None
    m, tok = setup_chat_format(model, tok)
    return tok
tokenizer = load()
`;
    const p = planOf(`${HEAD}${loader}${TRAINER}`);
    assert.deepEqual(p.plan.tokenizerSetups?.map((s) => [s.helper, s.templateBefore]), [['setup_chat_format', 'none']]);
    const decided = planOf(`${HEAD}CHATML = True\nif CHATML:\n    setup_chat_format(model, tokenizer)\n${TRAINER}`);
    assert.equal(decided.plan.tokenizerSetups?.length, 1);
  });

  it('a call under `if tokenizer.chat_template is None:` (TRL\'s examples) is left for the tokenizer to decide', () => {
    for (const guard of ['if tokenizer.chat_template is None:', 'if not tokenizer.chat_template:']) {
      const p = planOf(`${HEAD}${guard}\n    model, tokenizer = setup_chat_format(model, tokenizer)\n${TRAINER}`);
      assert.deepEqual(p.plan.tokenizerSetups?.map((s) => s.ifNoTemplate), [true], guard);
      assert.deepEqual(p.notes, []);
      assert.doesNotMatch(p.title, /ChatML/);
    }
    const other = planOf(`${HEAD}if tokenizer.chat_template is not None:\n    setup_chat_format(model, tokenizer)\n${TRAINER}`);
    assert.equal(other.plan.tokenizerSetups, undefined);
  });

  it('records a try around the call, and the template the script set before it', () => {
    const p = planOf(`${HEAD}tokenizer.chat_template = "{{ x }}"\ntry:\n    model, tokenizer = setup_chat_format(model, tokenizer)\nexcept ValueError:\n    pass\n${TRAINER}`);
    assert.deepEqual(p.plan.tokenizerSetups?.map((s) => [s.templateBefore, s.inTry]), [['set', true]]);
  });

  it('a reset of the template under a condition the script does not decide leaves it unknown; one guarded by the template itself does not', () => {
    const reset = (guard: string) => planOf(`${HEAD}${guard}\n    tokenizer.chat_template = None\nmodel, tokenizer = setup_chat_format(model, tokenizer)\n${TRAINER}`).plan.tokenizerSetups?.[0].templateBefore;
    assert.equal(reset('if args.reset:'), 'unknown');
    assert.equal(reset('if tokenizer.chat_template is not None:'), 'none');
    assert.equal(reset('if hasattr(tokenizer, "chat_template") and tokenizer.chat_template is not None:'), 'none');
    assert.equal(reset('if False:'), undefined);
  });

  it('a template set after the call is the active one; the call\'s tokens still apply', () => {
    const p = planOf(`${HEAD}model, tokenizer = setup_chat_format(model, tokenizer)\ntokenizer.chat_template = "{% for m in messages %}{{ m['content'] }}{% endfor %}"\n${TRAINER}`);
    assert.equal(p.plan.tokenizerSetups?.length, 1);
    assert.ok(p.plan.template?.source);
    assert.doesNotMatch(p.title, /ChatML/);
  });

  it('an unpinned TRL install is the newest known, and the setup says it assumed it', () => {
    const p = planOf(`# !pip install trl\n${HEAD}model, tokenizer = setup_chat_format(model, tokenizer)\n${TRAINER}`);
    assert.match(p.plan.tokenizerSetups?.[0].trlAssumed ?? '', /^assuming TRL \d+\.\d+\.\d+, the newest known as of /);
  });

  it('with the TRL version unknown, setup_chat_format implies a TRL that has it (0.25.1)', () => {
    const p = planOf(`${HEAD}model, tokenizer = setup_chat_format(model, tokenizer)\n${TRAINER}`);
    assert.deepEqual(p.plan.pipeline.kind === 'trl-sft' && p.plan.pipeline.assumedTrl, { version: '0.25.1', why: 'the last release with setup_chat_format' });
  });
});

describe('tokenizer edits: added tokens get the ids the tokenizers library gives them', () => {
  it('a known text keeps its id, a new one gets the next id after the vocabulary and the added tokens', () => {
    const existing = [{ id: 5, content: '<s>', special: true }, { id: 6, content: '</s>', special: true }];
    const known = (t: string) => (t === 'hello' ? 3 : undefined);
    const edit = { addedTokens: [{ content: '</s>', special: true }, { content: '<new>', special: true }, { content: 'hello', special: false }, { content: '<two>', special: true }] };
    assert.deepEqual(addedTokenEntries(existing, edit, known, 5).map((e) => [e.content, e.id]), [['<s>', 5], ['</s>', 6], ['<new>', 7], ['hello', 3], ['<two>', 8]]);
    // Below the vocabulary size the next id is the vocabulary size (Llama 3's reserved tokens sit inside it in others).
    assert.deepEqual(addedTokenEntries(existing, edit, known, 100).map((e) => e.id).slice(2), [100, 3, 101]);
    // clone_chat_template from TRL 0.20 leaves out what the vocabulary has.
    assert.deepEqual(addedTokenEntries(existing, { ...edit, skipKnown: true }, known, 5).map((e) => e.content), ['<s>', '</s>', '<new>', '<two>']);
  });

  it('the approximation splits at added tokens and honours lstrip/rstrip', () => {
    const tok = editTokenizer(approximateTokenizer(undefined, 'x'), { addedTokens: [{ content: '[[END]]', special: true, lstrip: true }, { content: 'ZZ', special: false, rstrip: true }] });
    const spans = tok.encode('Hi  [[END]]ZZ  there', false);
    assert.deepEqual(spans.map((s) => s.text), ['Hi', '  [[END]]', 'ZZ  ', 'there']);
    assert.equal(spans[1].id, tok.tokenId('[[END]]'));
  });
});

describe('masking preview with TRL chat-format helpers (real tokenizers)', function () {
  this.timeout(120_000);
  const { store } = fakeHfCache();
  const chat: PlanRow[] = [{ row: 0, messages: CONVERSATION.slice(0, 2) }];
  const setup = (over: Partial<TokenizerSetup> = {}): TokenizerSetup => ({ helper: 'setup_chat_format', where: 'line 9', trlVersion: '0.19.1', templateBefore: 'none', ...over });
  const plan = (modelId: string, rows: PlanRow[], setups: TokenizerSetup[], trlVersion = '0.19.1'): MaskingPlan => ({ rows, tokenizer: { modelId }, pipeline: { kind: 'trl-sft', trlVersion }, tokenizerSetups: setups });

  it('setup_chat_format on Llama 3.1: <|im_start|> and <|im_end|> are new single tokens after the vocabulary, ChatML renders, EOS is <|im_end|>', async () => {
    const p = await previewMasking(plan(LLAMA, chat, [setup()]), { store });
    const s = only(p);
    const texts = s.tokens.map((t) => t.text);
    assert.deepEqual(texts.slice(0, 3), ['<|im_start|>', 'user', '\n']);
    assert.equal(s.tokens[0].id, 128256);
    assert.equal(s.tokens.find((t) => t.text === '<|im_end|>')?.id, 128257);
    assert.equal(s.tokens.map((t) => t.text).join(''), '<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\nIt is 4.<|im_end|>\n');
    assert.equal(p.template, 'TRL setup_chat_format: ChatML');
    assert.deepEqual(p.tokenizerChanges, ['setup_chat_format (line 9): "<|im_start|>" and "<|im_end|>" added as new tokens (128256, 128257); EOS "<|im_end|>" (was "<|eot_id|>"); pad "<|im_end|>"; BOS "<|im_start|>" (was "<|begin_of_text|>")']);
    assert.deepEqual(s.warnings, []);
  });

  it('TRL appends the new EOS to text rows, as one token', async () => {
    const s = only(await previewMasking(plan(LLAMA, [{ row: 0, text: 'The answer is 4.' }], [setup()]), { store }));
    assert.deepEqual(s.tokens.slice(-2).map((t) => [t.text, t.id]), [['.', 13], ['<|im_end|>', 128257]]);
    assert.deepEqual(trainedRuns(s), ['The answer is 4.<|im_end|>']);
    // Without the call the row ends with Llama's own EOS.
    const plain = only(await previewMasking({ ...plan(LLAMA, [{ row: 0, text: 'The answer is 4.' }], []), tokenizerSetups: undefined }, { store }));
    assert.equal(plain.tokens[plain.tokens.length - 1].text, '<|eot_id|>');
  });

  it('pad is the new EOS: TRL ≤ 0.15\'s collator masks every <|im_end|> by id, so the end of turn is not trained', async () => {
    const s = only(await previewMasking(plan(LLAMA, chat, [setup({ trlVersion: '0.14.0' })], '0.14.0'), { store }));
    assert.ok(s.tokens.filter((t) => t.text === '<|im_end|>').every((t) => t.label === -100));
    assert.match(s.warnings.join('\n'), /final end-of-turn "<\|im_end\|>" \(position 20\) is not trained/);
  });

  it('on a tokenizer that has the ChatML tokens already (Qwen3) nothing is added', async () => {
    const p = await previewMasking(plan(QWEN, chat, [setup()]), { store });
    assert.equal(only(p).tokens[0].id, 151644);
    assert.match(p.tokenizerChanges?.[0] ?? '', /no new token \(the vocabulary has them already\)/);
  });

  it('raises on TRL 0.12–0.25 when the tokenizer ships a template: no rows, the reason; a try around it keeps the template', async () => {
    const p = await previewMasking(plan(LLAMA, chat, [setup({ templateBefore: undefined })]), { store });
    assert.equal(p.samples.length, 0);
    assert.match(p.warnings.join('\n'), /setup_chat_format \(line 9\) raises ValueError "Chat template is already added to the tokenizer" \(TRL 0\.19\.1\): the tokenizer of meta-llama\/Llama-3\.1-8B-Instruct ships a chat template, so training never starts/);
    const caught = await previewMasking(plan(LLAMA, chat, [setup({ templateBefore: undefined, inTry: true })]), { store });
    assert.equal(only(caught).tokens[1].text, '<|start_header_id|>');
    assert.match(caught.warnings.join('\n'), /The `try` around it catches it/);
    const maybe = await previewMasking(plan(LLAMA, chat, [setup({ templateBefore: 'unknown' })]), { store });
    assert.equal(only(maybe).tokens[0].text, '<|im_start|>');
    assert.match(maybe.warnings.join('\n'), /raises ValueError if the tokenizer has a chat template then, which depends on a condition before it/);
    const old = await previewMasking(plan(LLAMA, chat, [setup({ templateBefore: undefined, trlVersion: '0.11.4' })], '0.11.4'), { store });
    assert.equal(only(old).tokens[0].text, '<|im_start|>');
  });

  it('under `if tokenizer.chat_template is None:` it runs only on a tokenizer without one', async () => {
    const own = await previewMasking(plan(LLAMA, chat, [setup({ templateBefore: undefined, ifNoTemplate: true })]), { store });
    assert.equal(only(own).tokens[1].text, '<|start_header_id|>');
    assert.equal(own.template, `the tokenizer's own (${LLAMA})`);
    assert.match(own.tokenizerChanges?.[0] ?? '', /setup_chat_format \(line 9\) does not run: the script calls it only when the tokenizer has no chat template, and the tokenizer of .* ships a chat template/);
    const none = await previewMasking(plan(LLAMA, chat, [setup({ ifNoTemplate: true })]), { store });
    assert.equal(only(none).tokens[0].text, '<|im_start|>');
    const approx = await previewMasking({ ...plan(LLAMA, chat, [setup({ templateBefore: undefined, ifNoTemplate: true })]), tokenizer: undefined }, { store });
    assert.match(approx.warnings.join('\n'), /runs only if the tokenizer has no chat template, which is not known without the tokenizer/);
  });

  it('is not in TRL 0.26+: ImportError, no rows', async () => {
    const p = await previewMasking(plan(LLAMA, chat, [setup({ trlVersion: '0.26.0' })], '0.26.0'), { store });
    assert.equal(p.samples.length, 0);
    assert.match(p.warnings.join('\n'), /not in TRL 0\.26\.0 \(removed in 0\.26\): the script stops with ImportError/);
  });

  it('clone_chat_template: the source\'s template, its added tokens as new ids, its EOS', async () => {
    const qwen = await store.load({ modelId: QWEN });
    assert.ok(qwen.ok);
    const source = { chatTemplate: qwen.tokenizer.chatTemplate, eosToken: qwen.tokenizer.eosToken, addedTokens: [...(qwen.tokenizer.addedTokens ?? [])] };
    const clone: TokenizerSetup = { helper: 'clone_chat_template', where: 'line 8', trlVersion: '0.21.0', sourceId: QWEN, source };
    const p = await previewMasking(plan(LLAMA, [{ row: 0, text: 'Hi<|im_end|>' }, ...chat.map((r) => ({ ...r, row: 1 }))], [clone], '0.21.0'), { store });
    const [text, conv] = p.samples;
    // Qwen3's 26 added tokens follow Llama 3.1's 128256 ids in Qwen3's order: <|endoftext|>, <|im_start|>, <|im_end|>, …
    assert.deepEqual(text.tokens.map((t) => [t.text, t.id]), [['<|begin_of_text|>', 128000], ['Hi', 13347], ['<|im_end|>', 128258]]);
    assert.equal(conv.tokens[0].id, 128257);
    assert.match(conv.tokens.map((t) => t.text).join(''), /^<\|im_start\|>user\nWhat is 2\+2\?<\|im_end\|>\n<\|im_start\|>assistant\n<think>\n\n<\/think>\n\nIt is 4\.<\|im_end\|>\n$/);
    assert.equal(p.template, 'TRL clone_chat_template: Qwen/Qwen3-8B');
    assert.match(p.tokenizerChanges?.[0] ?? '', /\(26 tokens\) added as new tokens \(ids 128256–128281\); EOS "<\|im_end\|>" \(was "<\|eot_id\|>"\)$/);
  });

  it('clone_chat_template whose source is not on disk: no rows, and says which and how to get it', async () => {
    const missing = await store.load({ modelId: 'Qwen/Qwen3-0.6B' });
    assert.ok(!missing.ok);
    const clone: TokenizerSetup = { helper: 'clone_chat_template', where: 'line 8', trlVersion: '0.21.0', sourceId: 'Qwen/Qwen3-0.6B', source: { missing: missing.message } };
    const p = await previewMasking(plan(LLAMA, chat, [clone], '0.21.0'), { store });
    assert.equal(p.samples.length, 0);
    assert.match(p.warnings.join('\n'), /clone_chat_template \(line 8\) copies the chat template and tokens of "Qwen\/Qwen3-0\.6B", which the preview cannot read: tokenizer of Qwen\/Qwen3-0\.6B is not in the Hugging Face cache .*huggingface-cli download Qwen\/Qwen3-0\.6B/);
  });

  it('the fixture scripts preview as the run: ChatML on Llama with new ids; Qwen3\'s template read from the cache for a clone', async () => {
    await ready();
    const dir = resolve('test/fixtures/masking');
    const run = (name: string) => {
      const path = join(dir, name);
      return withAnalysis(readFileSync(path, 'utf8'), (a) => previewScriptMasking(a, store, { rows: 1 }), path);
    };
    const chatml = await run('setup_chat_format.py');
    assert.ok('samples' in chatml, JSON.stringify(chatml));
    assert.match(chatml.title, /TRL SFTTrainer 0\.19\.1 · TRL setup_chat_format: ChatML$/);
    assert.deepEqual(only(chatml).tokens.slice(0, 2).map((t) => [t.text, t.id]), [['<|im_start|>', 128256], ['user', 882]]);
    assert.equal(chatml.exact, true);
    const cloned = await run('clone_chat_template.py');
    assert.ok('samples' in cloned, JSON.stringify(cloned));
    assert.match(cloned.title, /TRL clone_chat_template: Qwen\/Qwen3-8B$/);
    assert.deepEqual(only(cloned).tokens.slice(-1).map((t) => [t.text, t.id]), [['<|im_end|>', 128258]]);
    // Without the source read (TL110's synchronous path) the preview does not guess.
    const sync = withAnalysis(readFileSync(join(dir, 'clone_chat_template.py'), 'utf8'), (a) => renderScriptMasking(a, approximateTokenizer('llama-3.1', LLAMA), [], { rows: 1 }));
    assert.ok('samples' in sync && sync.samples.length === 0 && sync.warnings.some((w) => /were not read for this preview/.test(w)));
    // With the approximate tokenizer (no vocabulary) the change does not claim the tokens were there already.
    const approx = withAnalysis(readFileSync(join(dir, 'setup_chat_format.py'), 'utf8'), (a) => renderScriptMasking(a, approximateTokenizer('llama-3.1', LLAMA), [], { rows: 1 }));
    assert.match(('tokenizerChanges' in approx && approx.tokenizerChanges?.[0]) || '', /"<\|im_start\|>" and "<\|im_end\|>" added as special tokens, each kept whole \(ids not known/);
  });

  it('the tokenizer rebuilt with added tokens tokenizes as splitting at them does', async () => {
    const llama = await store.load({ modelId: LLAMA });
    assert.ok(llama.ok);
    const rebuilt = editTokenizer(llama.tokenizer, SETUP_CHAT_FORMAT_EDIT);
    const split = editTokenizer({ ...llama.tokenizer, withEdit: undefined, encode: (t: string, a: boolean) => llama.tokenizer.encode(t, a), describe: (i: readonly number[]) => llama.tokenizer.describe(i), tokenId: (t: string) => llama.tokenizer.tokenId(t) }, SETUP_CHAT_FORMAT_EDIT);
    // The split tokenizer does not know the vocabulary size: its added ids are its own.
    const same = (t: { id: number; text: string }) => ({ id: rebuilt.tokenId(t.text) ?? t.id, text: t.text });
    for (const text of ['<|im_start|>user\nHi there<|im_end|>\n', 'x<|im_end|><|im_end|> y', 'no tokens here']) {
      for (const add of [false, true]) assert.deepEqual(rebuilt.encode(text, add), split.encode(text, add).map(same), `${text} ${add}`);
    }
  });
});

describe('masking plan for a fixture: trainerPlan keeps the setups without rows', () => {
  before(ready);
  it('reads the fixture\'s setup call', () => {
    const path = resolve('test/fixtures/masking/setup_chat_format.py');
    const setups = withAnalysis(readFileSync(path, 'utf8'), (a) => { const tp = trainerPlan(a); return 'plan' in tp ? tp.plan.tokenizerSetups : undefined; }, path);
    assert.deepEqual(setups?.map((s) => [s.helper, s.where, s.trlVersion, s.templateBefore]), [['setup_chat_format', 'line 11', '0.19.1', 'none']]);
  });
});
