import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { initParser } from '../../../server/src/engine/syntax/parser';
import { KNOWN_HUB_DATASETS } from '../../../server/src/engine/dataset/known-hub-datasets';
import { knownHubDataset, lookupKnownHubDataset } from '../../../server/src/engine/dataset/known-hub-lookup';
import { SPLITS_COMPLETE } from '../../../server/src/engine/dataset/known-hub-splits';
import { datasetPreview, hover, inlayHints } from '../../../server/src/lsp/editor-views';
import { Utf8 } from 'apache-arrow';
import { arrowTable, chatTable, cleanup, hfMetadata, makeTmp, writeArrow } from '../data/fixtures';
import { lintThroughTable } from './hub-table-lint';

/** The seed bug of issue 9 on a Hub dataset: DataCollatorForSeq2Seq on text the trainer tokenizes. */
const SEED = `# pip install trl==0.19.1 transformers==4.56.0
from unsloth import FastLanguageModel
from unsloth.chat_templates import standardize_sharegpt
from datasets import load_dataset
from trl import SFTTrainer, SFTConfig
from transformers import DataCollatorForSeq2Seq

model, tokenizer = FastLanguageModel.from_pretrained("unsloth/Llama-3.2-1B-Instruct", max_seq_length=2048)
dataset = load_dataset("mlabonne/FineTome-100k", split="train[:3000]")
dataset = standardize_sharegpt(dataset)

def to_text(examples):
    return {"text": [tokenizer.apply_chat_template(c, tokenize=False) for c in examples["conversations"]]}

dataset = dataset.map(to_text, batched=True)
trainer = SFTTrainer(model=model, tokenizer=tokenizer, train_dataset=dataset, dataset_text_field="text",
                     data_collator=DataCollatorForSeq2Seq(tokenizer=tokenizer), args=SFTConfig(output_dir="o"))
`;

describe('engine: trainlint’s table of known Hub datasets', () => {
  before(async () => { await initParser(); });

  it('every entry names where its facts were read, and has columns for each config', () => {
    assert.ok(KNOWN_HUB_DATASETS.length >= 10);
    for (const d of KNOWN_HUB_DATASETS) {
      assert.ok(d.evidence.length > 0 && d.evidence.every((e) => e.length > 20), d.id);
      assert.ok(Object.values(d.uses).some((n) => (typeof n === 'number' ? n : n?.calls ?? 0) > 0), `${d.id} is counted in a corpus`);
      for (const [name, c] of Object.entries(d.configs)) assert.ok(c.columns.length > 0 && Object.keys(c.splits).length > 0, `${d.id}/${name}`);
    }
  });

  it('answers per config and split, with sliced row counts, and refuses what datasets would refuse', () => {
    const ft = lookupKnownHubDataset('mlabonne/FineTome-100k', undefined, 'train[:3000]');
    assert.ok(ft && !('why' in ft));
    assert.deepEqual(ft.columns.map((c) => c.name), ['conversations', 'source', 'score']);
    assert.equal(ft.columns[0].type, 'list<struct<from: string, value: string>>', 'nested ShareGPT keys');
    assert.equal(ft.rowCount, 3000);
    assert.equal((lookupKnownHubDataset('mlabonne/FineTome-100k', undefined, 'train[:10%]') as { rowCount?: number }).rowCount, 10000);
    const whole = lookupKnownHubDataset('mlabonne/FineTome-100k', undefined, undefined);
    assert.ok(whole && !('why' in whole) && whole.isDict && whole.rowCount === undefined);
    const gsm = lookupKnownHubDataset('openai/gsm8k', 'main', 'train+test');
    assert.ok(gsm && !('why' in gsm));
    assert.equal(gsm.rowCount, 7473 + 1319);
    assert.match((lookupKnownHubDataset('openai/gsm8k', undefined, 'train') as { why: string }).why, /several configs \(main, socratic\) and none is named/);
    assert.match((lookupKnownHubDataset('openai/gsm8k', 'other', 'train') as { why: string }).why, /no config "other"/);
    assert.match((lookupKnownHubDataset('mlabonne/FineTome-100k', undefined, 'test') as { why: string }).why, /no split "test"/);
    const dapo = lookupKnownHubDataset('open-r1/DAPO-Math-17k-Processed', 'all', 'train');
    assert.ok(dapo && !('why' in dapo) && dapo.rowCount === undefined, 'a size not read is not invented');
    assert.equal(lookupKnownHubDataset('mlabonne/finetome-100k', undefined, 'train'), undefined, 'ids as written');
    const uc = lookupKnownHubDataset('HuggingFaceH4/ultrachat_200k', undefined, 'train_sft[:1%]');
    assert.ok(uc && !('why' in uc) && uc.rowCount === 2079);
    assert.match((lookupKnownHubDataset('HuggingFaceH4/ultrachat_200k', undefined, 'train') as { why: string }).why, /no split "train".*train_sft, test_sft, train_gen, test_gen/);
    const imdb = lookupKnownHubDataset('imdb', undefined, 'train+test');
    assert.ok(imdb && !('why' in imdb) && imdb.config === 'plain_text' && imdb.rowCount === 50000, 'a single named config needs no name');
    assert.ok(!('why' in (lookupKnownHubDataset('stanfordnlp/imdb', 'plain_text', 'unsupervised') ?? { why: '' })));
    const mt = lookupKnownHubDataset('HuggingFaceH4/Multilingual-Thinking', undefined, 'train');
    assert.ok(mt && !('why' in mt));
    assert.equal(mt.columns.find((c) => c.name === 'messages')?.type, 'unknown', 'a type not read is not written');
  });

  it('the split audit (session 18): each verdict names an entry and config of the table, and only those lists make a missing split', () => {
    for (const [id, configs] of Object.entries(SPLITS_COMPLETE)) {
      const entry = KNOWN_HUB_DATASETS.find((d) => d.id === id);
      assert.ok(entry, `${id} is in the table`);
      for (const [config, verdict] of Object.entries(configs)) {
        assert.ok(entry.configs[config], `${id} config ${config} is in the table`);
        assert.deepEqual(entry.configs[config].splitsComplete, verdict);
        assert.match(verdict.read, /^2026-12-0[67]$/);
        if (['script', 'files', 'viewer'].includes(verdict.by)) assert.ok(verdict.where, `${id}/${config}: where the list was read`);
      }
    }
    const complete = KNOWN_HUB_DATASETS.flatMap((d) => Object.values(d.configs)).filter((c) => c.splitsComplete).length;
    assert.ok(complete >= 120, `${complete} complete split lists`);
    // Lists completed in the audit: the splits a first download generates, or the loading script's dataset_infos.json.
    assert.deepEqual(Object.keys(knownHubDataset('swag')!.configs.regular.splits), ['train', 'validation', 'test']);
    assert.deepEqual(Object.keys(knownHubDataset('billsum')!.configs.default.splits), ['train', 'test', 'ca_test']);
    assert.deepEqual(Object.keys(knownHubDataset('unsloth/Radiology_mini')!.configs.default.splits), ['train', 'test']);
    assert.deepEqual(Object.keys(knownHubDataset('trl-lib/ultrafeedback_binarized')!.configs.default.splits), ['train', 'test']);
    // A missing split: only from a complete list, with the source and its date.
    const miss = lookupKnownHubDataset('yahma/alpaca-cleaned', undefined, 'test') as { missingSplit?: { split: string; splits: string[]; source?: string } };
    assert.deepEqual(miss.missingSplit, { split: 'test', splits: ['train'], source: "per the printed output of a whole load read 2026-12-06, in trainlint's table of known datasets" });
    const partial = lookupKnownHubDataset('mlabonne/guanaco-llama2-1k', undefined, 'test') as { why: string; missingSplit?: unknown };
    assert.equal(partial.missingSplit, undefined);
    assert.match(partial.why, /no split "test" in trainlint's table .*others may exist/);
    const whole = lookupKnownHubDataset('openai/gsm8k', 'main', undefined);
    assert.ok(whole && !('why' in whole));
    assert.deepEqual(whole.splits, ['train', 'test']);
    const unverified = lookupKnownHubDataset('mlabonne/guanaco-llama2-1k', undefined, undefined);
    assert.ok(unverified && !('why' in unverified) && unverified.splits === undefined);
    // split="all": every split, its rows only from a complete list.
    assert.equal((lookupKnownHubDataset('openai/gsm8k', 'main', 'all') as { rowCount?: number }).rowCount, 7473 + 1319);
    assert.equal((lookupKnownHubDataset('mlabonne/guanaco-llama2-1k', undefined, 'all') as { rowCount?: number }).rowCount, undefined);
  });

  it('second extension: a config known but not read makes the name necessary and is not answered; sizes as read', () => {
    const why = (id: string, name: string | undefined, split: string | undefined) => (lookupKnownHubDataset(id, name, split) as { why?: string }).why;
    assert.match(why('gsm8k', undefined, 'train') ?? '', /gsm8k has several configs \(main, socratic\) and none is named/);
    assert.match(why('gsm8k', 'socratic', 'train') ?? '', /the columns of gsm8k config "socratic" are not in trainlint's table/);
    const main = lookupKnownHubDataset('gsm8k', 'main', 'train+test');
    assert.ok(main && !('why' in main) && main.rowCount === 7473 + 1319);
    assert.match(why('trl-lib/ultrafeedback_binarized', undefined, 'validation') ?? '', /no split "validation" \(splits: train, test, per the Hub viewer's split list read 2026-12-07/);
    assert.ok(lookupKnownHubDataset('trl-lib/ultrafeedback_binarized', undefined, 'test') && !('why' in lookupKnownHubDataset('trl-lib/ultrafeedback_binarized', undefined, 'test')!), 'its test split, read in session 18');
    const ufb = lookupKnownHubDataset('trl-lib/ultrafeedback_binarized', undefined, 'train');
    assert.ok(ufb && !('why' in ufb) && ufb.columns.every((c) => c.type === 'unknown'), 'only the names were read');
    assert.equal((lookupKnownHubDataset('yahma/alpaca-cleaned', undefined, 'train[:10%]') as { rowCount?: number }).rowCount, 5176);
    assert.equal((lookupKnownHubDataset('timdettmers/openassistant-guanaco', undefined, 'test') as { rowCount?: number }).rowCount, 518);
    assert.equal((lookupKnownHubDataset('AI-MO/NuminaMath-TIR', undefined, 'train[:5%]') as { rowCount?: number }).rowCount, undefined, 'a size not read is not invented');
  });

  describe('used when the dataset is neither local nor cached, and said so', () => {
    let home: string;
    before(() => { home = makeTmp(); });
    after(() => cleanup(home));

    const analyse = (text: string) => lintThroughTable(home, text);

    it('TL001 fires on the seed bug and its message names the table', async () => {
      const r = await analyse(SEED);
      try {
        const tl001 = r.diagnostics.filter((d) => d.code === 'TL001');
        assert.equal(tl001.length, 1, JSON.stringify(r.diagnostics.map((d) => d.code)));
        assert.match(tl001[0].message, /columns: conversations, source, score, text, starting from the columns of mlabonne\/FineTome-100k in trainlint's table of known datasets, checked \d{4}-\d{2}-\d{2}/);
      } finally { r.dispose(); }
    });

    it('the inlay hint and the hover say where the columns come from', async () => {
      const r = await analyse(SEED);
      try {
        const hints = inlayHints(r.analysis, { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } });
        const first = hints.find((h) => h.position.line === 8);
        assert.ok(first, JSON.stringify(hints));
        assert.equal(first.label, "  conversations, source, score · 3,000 rows · from trainlint's table of known datasets");
        const line = r.text.split('\n')[8];
        const h = hover(r.analysis, { line: 8, character: line.indexOf('dataset') + 1 });
        const md = (h?.contents as { value: string }).value;
        assert.match(md, /come from trainlint's table of known datasets \(checked \d{4}-\d{2}-\d{2}\)/);
        assert.match(md, /read from: dataset card dataset_info YAML, huggingface\.co\/datasets\/mlabonne\/FineTome-100k/);
      } finally { r.dispose(); }
    });

    it('a message about a dataset straight from the table lists its columns as the table has them', async () => {
      const text = `# pip install trl==0.19.1
from datasets import load_dataset
from trl import DPOTrainer, DPOConfig
ds = load_dataset("mlabonne/FineTome-100k", split="train")
trainer = DPOTrainer(model="m", train_dataset=ds, args=DPOConfig(output_dir="o"))
`;
      const r = await analyse(text);
      try {
        const all = r.diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n');
        assert.match(all, /columns of mlabonne\/FineTome-100k from trainlint's table of known datasets, checked \d{4}-\d{2}-\d{2}: conversations, source, score/);
      } finally { r.dispose(); }
    });

    it('a config, revision or keywords computed at run time are not the table\'s default config', async () => {
      const trainer = (ds: string) => `SFTTrainer(model="Qwen/Qwen2.5-0.5B", train_dataset=${ds}, args=SFTConfig(output_dir="o", dataset_text_field="text")).train()`;
      const text = `import sys
from datasets import load_dataset
from trl import SFTTrainer, SFTConfig
cfg = sys.argv[1]
a = load_dataset("mlabonne/FineTome-100k", cfg, split="train")
${trainer('a')}
b = load_dataset("mlabonne/FineTome-100k", split="train", revision=sys.argv[2])
${trainer('b')}
c = load_dataset("mlabonne/FineTome-100k", split="train", **load_kwargs)
${trainer('c')}
opts = {"split": "train"}
d = load_dataset("mlabonne/FineTome-100k", **opts)
${trainer('d')}
`;
      const r = await analyse(text);
      try {
        // Only the last one, whose spread keywords are known, reads as the default config.
        assert.deepEqual(r.diagnostics.filter((x) => x.code === 'TL105').map((x) => x.range.start.line), [12]);
      } finally { r.dispose(); }
    });

    it('entries added from the real-script count: real bugs fire on Hub datasets that are not cached, near misses stay quiet', async () => {
      const sft = (load: string, field: string) => `# pip install trl==0.19.1
from datasets import load_dataset
from trl import SFTTrainer, SFTConfig
ds = ${load}
trainer = SFTTrainer(model="Qwen/Qwen2.5-0.5B", train_dataset=ds, args=SFTConfig(output_dir="o", dataset_text_field="${field}"))
`;
      const dpo = (load: string) => `# pip install trl==0.19.1
from datasets import load_dataset
from trl import DPOTrainer, DPOConfig
ds = ${load}
trainer = DPOTrainer(model="Qwen/Qwen2.5-0.5B", train_dataset=ds, args=DPOConfig(output_dir="o"))
`;
      const codes = async (text: string) => {
        const r = await analyse(text);
        try { return r.diagnostics.map((d) => `${d.code}: ${d.message}`); } finally { r.dispose(); }
      };
      // dataset_text_field="text" on an instruction dataset without `text` → TL106, naming the table.
      const dt = await codes(sft('load_dataset("databricks/databricks-dolly-15k", split="train")', 'text'));
      assert.ok(dt.some((m) => /^TL106: .*databricks\/databricks-dolly-15k from trainlint's table of known datasets, checked \d{4}-\d{2}-\d{2}: instruction, context, response, category/.test(m)), dt.join('\n'));
      // Near miss: alpaca-gpt4 has a `text` column.
      const ok = await codes(sft('load_dataset("vicgalle/alpaca-gpt4", split="train")', 'text'));
      assert.ok(!ok.some((m) => m.startsWith('TL106')), ok.join('\n'));
      // ultrafeedback's sft split has `messages` and `prompt`: TRL 0.19 takes the prompt-completion path and needs
      // `completion` (KeyError), whatever dataset_text_field says.
      const uf = await codes(sft('load_dataset("HuggingFaceH4/ultrafeedback_binarized", split="train_sft")', 'text'));
      assert.ok(uf.some((m) => /^TL106: SFTTrainer takes any row with a "prompt" column .*no "completion" column .*KeyError: 'completion'.*Keep only the chat column/.test(m)), uf.join('\n'));
      // DPO on an instruction dataset without chosen/rejected → TL407.
      const dolly = await codes(dpo('load_dataset("databricks/databricks-dolly-15k", split="train")'));
      assert.ok(dolly.some((m) => m.startsWith('TL407')), dolly.join('\n'));
      // Near misses: the preference splits of ultrafeedback_binarized, and Anthropic/hh-rlhf.
      for (const load of ['load_dataset("HuggingFaceH4/ultrafeedback_binarized", split="train_prefs")', 'load_dataset("Anthropic/hh-rlhf", split="train")']) {
        const ok = await codes(dpo(load));
        assert.ok(!ok.some((m) => m.startsWith('TL407')), `${load}\n${ok.join('\n')}`);
      }
      // A plain Trainer given a text dataset from the table: it does not tokenize, and drops every column → TL002.
      const trainer = (load: string) => `from datasets import load_dataset
from transformers import AutoModelForCausalLM, Trainer, TrainingArguments
model = AutoModelForCausalLM.from_pretrained("gpt2")
ds = ${load}
trainer = Trainer(model=model, train_dataset=ds, args=TrainingArguments(output_dir="o"))
`;
      const raw = await codes(trainer('load_dataset("mlabonne/guanaco-llama2-1k", split="train")'));
      assert.ok(raw.some((m) => /^TL002: Trainer does not tokenize: .*columns of mlabonne\/guanaco-llama2-1k from trainlint's table of known datasets, checked \d{4}-\d{2}-\d{2}: text\)/.test(m)), raw.join('\n'));
      // Near miss: streamed, the Trainer removes the columns per batch instead (another error, not this one).
      const streamed = await codes(trainer('load_dataset("mlabonne/guanaco-llama2-1k", split="train", streaming=True)'));
      assert.ok(!streamed.some((m) => m.startsWith('TL002')), streamed.join('\n'));
      // Near miss: a Hub dataset that is not in the table says nothing of its columns.
      const unknown = await codes(trainer('load_dataset("someone/rows-nobody-read", split="train")'));
      assert.ok(!unknown.some((m) => m.startsWith('TL002')), unknown.join('\n'));
      // A split the dataset does not have is not answered from the table (datasets raises there too).
      const wrong = await codes(sft('load_dataset("HuggingFaceH4/ultrachat_200k", split="train")', 'text'));
      assert.ok(!wrong.some((m) => m.startsWith('TL106')), wrong.join('\n'));
    });

    it('second extension: GRPO without a prompt fires on a table dataset; SFT reads dataset_text_field only before TRL 0.17 when there is a prompt', async () => {
      const codes = async (text: string) => {
        const r = await analyse(text);
        try { return r.diagnostics.map((d) => `${d.code}: ${d.message}`); } finally { r.dispose(); }
      };
      const grpo = (load: string, map = '') => `# pip install trl==0.19.1
from datasets import load_dataset
from trl import GRPOTrainer, GRPOConfig
def correctness(completions, answer, **kwargs):
    return [1.0 if a in c else 0.0 for c, a in zip(completions, answer)]
ds = ${load}
${map}
trainer = GRPOTrainer(model="Qwen/Qwen2.5-0.5B-Instruct", reward_funcs=correctness, train_dataset=ds, args=GRPOConfig(output_dir="o"))
`;
      const raw = await codes(grpo('load_dataset("openai/gsm8k", "main", split="train")'));
      assert.ok(raw.some((m) => /^TL407: The train_dataset of GRPOTrainer has no "prompt" column \(columns of openai\/gsm8k from trainlint's table of known datasets, checked \d{4}-\d{2}-\d{2}: question, answer\)/.test(m)), raw.join('\n'));
      const mapped = await codes(grpo('load_dataset("gsm8k", "main", split="train")', 'ds = ds.map(lambda x: {"prompt": [{"role": "user", "content": x["question"]}]})'));
      assert.ok(!mapped.some((m) => m.startsWith('TL407')), mapped.join('\n'));
      const socratic = await codes(grpo('load_dataset("gsm8k", "socratic", split="train")'));
      assert.ok(!socratic.some((m) => m.startsWith('TL407')), `a config whose columns were not read is not answered\n${socratic.join('\n')}`);
      const sft = (pin: string) => `# pip install trl==${pin}
from datasets import load_dataset
from trl import SFTTrainer, SFTConfig
ds = load_dataset("trl-lib/hh-rlhf-helpful-base", split="train")
trainer = SFTTrainer(model="Qwen/Qwen2.5-0.5B-Instruct", train_dataset=ds, args=SFTConfig(output_dir="o", dataset_text_field="text"))
`;
      // TRL 0.19 takes the prompt-completion path (no "completion": KeyError); 0.16 reads the missing text field.
      const v19 = await codes(sft('0.19.1'));
      assert.ok(v19.some((m) => /^TL106: .*no "completion" column \(columns of trl-lib\/hh-rlhf-helpful-base from trainlint's table/.test(m)), v19.join('\n'));
      const v16 = await codes(sft('0.16.1'));
      assert.ok(v16.some((m) => /^TL106: `dataset_text_field="text"` names a column .*trl-lib\/hh-rlhf-helpful-base from trainlint's table/.test(m)), v16.join('\n'));
      const dpo = (load: string) => `# pip install trl==0.19.1
from datasets import load_dataset
from trl import DPOTrainer, DPOConfig
ds = ${load}
trainer = DPOTrainer(model="Qwen/Qwen2.5-0.5B-Instruct", train_dataset=ds, args=DPOConfig(output_dir="o"))
`;
      assert.ok(!(await codes(dpo('load_dataset("HuggingFaceH4/orca_dpo_pairs", split="train_prefs")'))).some((m) => m.startsWith('TL407')));
      assert.ok((await codes(dpo('load_dataset("tatsu-lab/alpaca", split="train")'))).some((m) => m.startsWith('TL407')));
    });

    it('DPO on trl-lib/ultrafeedback_binarized (no prompt column): quiet when processing_class= shows TRL ≥ 0.12, information otherwise', async () => {
      const dpo = (kw: string) => `from datasets import load_dataset
from transformers import AutoModelForCausalLM, AutoTokenizer
from trl import DPOConfig, DPOTrainer
model = AutoModelForCausalLM.from_pretrained("Qwen/Qwen2.5-0.5B-Instruct")
tokenizer = AutoTokenizer.from_pretrained("Qwen/Qwen2.5-0.5B-Instruct")
dataset = load_dataset("trl-lib/ultrafeedback_binarized", split="train")
trainer = DPOTrainer(model=model, args=DPOConfig(output_dir="o"), train_dataset=dataset, ${kw}=tokenizer)
`;
      const tl407 = async (text: string) => {
        const r = await analyse(text);
        try { return r.diagnostics.filter((d) => d.code === 'TL407').map((d) => `${d.severity}: ${d.message}`); } finally { r.dispose(); }
      };
      // TRL's quickstart: processing_class= came in TRL 0.12, which extracts the implicit prompt.
      assert.deepEqual(await tl407(dpo('processing_class')), []);
      const old = await tl407(dpo('tokenizer'));
      assert.equal(old.length, 1, old.join('\n'));
      assert.match(old[0], /^information: .*no "prompt" column \(columns of trl-lib\/ultrafeedback_binarized from trainlint's table of known datasets/);
    });

    it('a map function whose keys cannot be listed (dynamic key, update) leaves the columns unknown, not the table\'s', async () => {
      const grpo = (body: string) => `from datasets import load_dataset
from trl import GRPOTrainer, GRPOConfig
def to_prompt(x):
    out = {}
${body}
    return out
ds = load_dataset("Anthropic/hh-rlhf", split="train")
ds = ds.map(to_prompt)
trainer = GRPOTrainer(model="Qwen/Qwen2-0.5B-Instruct", reward_funcs=[], train_dataset=ds, args=GRPOConfig(output_dir="o"))
`;
      const tl407 = async (text: string) => {
        const r = await analyse(text);
        try { return r.diagnostics.filter((d) => d.code === 'TL407').map((d) => `${d.severity}: ${d.message}`); } finally { r.dispose(); }
      };
      for (const body of ['    for k in ["prompt"]:\n        out[k] = x["chosen"]', '    out.update(prompt=x["chosen"])', '    out |= {"prompt": x["chosen"]}']) {
        assert.deepEqual(await tl407(grpo(body)), [], body);
      }
      // A literal key is listed: the function adds "q" only, so the prompt is still missing.
      const listed = await tl407(grpo('    out["q"] = x["chosen"]'));
      assert.equal(listed.length, 1, listed.join('\n'));
      assert.match(listed[0], /^error: .*no "prompt" column \(columns: chosen, rejected, q, starting from the columns of Anthropic\/hh-rlhf/);
    });

    it('the dataset preview says the columns come from the table (and its date) and shows no rows; a cached copy wins there too', async () => {
      const text = `from datasets import load_dataset
ds = load_dataset("timdettmers/openassistant-guanaco", split="train")
from trl import SFTTrainer, SFTConfig
trainer = SFTTrainer(model="Qwen/Qwen2.5-0.5B", train_dataset=ds, args=SFTConfig(output_dir="o", dataset_text_field="text"))
`;
      const at = { line: 1, character: 1 };
      const r = await analyse(text);
      try {
        const p = datasetPreview(r.analysis, at);
        assert.ok(p, "a preview");
        assert.deepEqual(p.columns.map((c) => [c.name, c.type]), [['text', 'string']]);
        assert.equal(p.rowCount, 9846);
        assert.equal(p.rows.length, 0, 'no rows are invented');
        assert.ok(p.notes.some((n) => /columns from trainlint's table of known datasets \(checked \d{4}-\d{2}-\d{2}\)/.test(n)), p.notes.join('\n'));
      } finally { r.dispose(); }
      const dir = join(home, 'hf', 'datasets', 'timdettmers___openassistant-guanaco', 'default', '0.0.0', 'd'.repeat(40));
      const texts = ['### Human: hi### Assistant: hello', '### Human: 2+2?### Assistant: 4', '### Human: bye### Assistant: bye'];
      writeArrow(join(dir, 'openassistant-guanaco-train.arrow'), arrowTable({ text: { type: new Utf8(), values: texts } }, { metadata: hfMetadata({ text: { dtype: 'string', _type: 'Value' } }) }));
      writeFileSync(join(dir, 'dataset_info.json'), JSON.stringify({ config_name: 'default', splits: { train: { name: 'train', num_examples: 3 } } }));
      const c = await analyse(text);
      try {
        const p = datasetPreview(c.analysis, at);
        assert.ok(p);
        assert.equal(p.rowCount, 3);
        assert.deepEqual(p.rows.map((x) => x.text), texts);
        assert.ok(!p.notes.some((n) => /table of known datasets/.test(n)), p.notes.join('\n'));
        const h = hover(c.analysis, at);
        assert.doesNotMatch((h?.contents as { value: string }).value, /table of known datasets/);
      } finally { c.dispose(); }
    });

    it('a cached copy wins over the table', async () => {
      const commit = 'c'.repeat(40);
      const dir = join(home, 'hf', 'datasets', 'mlabonne___fine_tome-100k', 'default', '0.0.0', commit);
      writeArrow(join(dir, 'fine_tome-100k-train.arrow'), chatTable(4));
      writeFileSync(join(dir, 'dataset_info.json'), JSON.stringify({ config_name: 'default', splits: { train: { name: 'train', num_examples: 4 } } }));
      const r = await analyse(SEED);
      try {
        const tl001 = r.diagnostics.filter((d) => d.code === 'TL001');
        assert.equal(tl001.length, 1);
        assert.match(tl001[0].message, /\(columns: messages, id, text\)/);
        assert.doesNotMatch(tl001[0].message, /table of known datasets/);
        const hints = inlayHints(r.analysis, { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } });
        assert.equal(hints.find((h) => h.position.line === 8)?.label, '  messages, id · 4 rows');
      } finally { r.dispose(); }
    });
  });
});
