import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { initParser } from '../../../server/src/engine/syntax/parser';
import { ParsedScript } from '../../../server/src/engine/syntax/parsed-script';
import { documentFor } from '../../../server/src/engine/index';
import { lint } from '../../../server/src/engine/lint/lint';
import { DataSourceCache } from '../../../server/src/engine/data/cache';
import { CachedDataProvider } from '../../../server/src/engine/dataset/cached-provider';
import { KNOWN_HUB_DATASETS, lookupKnownHubDataset } from '../../../server/src/engine/dataset/known-hub-datasets';
import { hover, inlayHints } from '../../../server/src/lsp/editor-views';
import { chatTable, cleanup, makeTmp, writeArrow } from '../data/fixtures';

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
    const dapo = lookupKnownHubDataset('open-r1/DAPO-Math-17k-Processed', 'en', 'train');
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

  describe('used when the dataset is neither local nor cached, and said so', () => {
    let home: string;
    before(() => { home = makeTmp(); });
    after(() => cleanup(home));

    async function analyse(text: string) {
      const path = join(home, 'train.py');
      writeFileSync(path, text);
      const cache = new DataSourceCache({ env: { HF_HOME: join(home, 'hf') }, homeDir: home });
      const doc = documentFor(path, text);
      const script = ParsedScript.parse(doc.text);
      const provider = new CachedDataProvider(cache, path, home);
      lint({ doc, script, data: provider });
      await provider.fetch();
      const result = lint({ doc, script, data: new CachedDataProvider(cache, path, home) });
      return { ...result, dispose: () => script.dispose(), text };
    }

    it('TL001 fires on the seed bug and its message names the table', async () => {
      const r = await analyse(SEED);
      try {
        const tl001 = r.diagnostics.filter((d) => d.code === 'TL001');
        assert.equal(tl001.length, 1, JSON.stringify(r.diagnostics.map((d) => d.code)));
        assert.match(tl001[0].message, /columns: conversations, source, score, text, starting from the columns of mlabonne\/FineTome-100k in trainlint's table of known datasets/);
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
        assert.match(all, /columns of mlabonne\/FineTome-100k from trainlint's table of known datasets: conversations, source, score/);
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
      assert.ok(dt.some((m) => /^TL106: .*databricks\/databricks-dolly-15k from trainlint's table of known datasets: instruction, context, response, category/.test(m)), dt.join('\n'));
      // Near misses: alpaca-gpt4 has a `text` column; ultrafeedback's sft split is conversational (`messages`), so TRL never reads the field.
      for (const load of ['load_dataset("vicgalle/alpaca-gpt4", split="train")', 'load_dataset("HuggingFaceH4/ultrafeedback_binarized", split="train_sft")']) {
        const ok = await codes(sft(load, 'text'));
        assert.ok(!ok.some((m) => m.startsWith('TL106')), `${load}\n${ok.join('\n')}`);
      }
      // DPO on an instruction dataset without chosen/rejected → TL407.
      const dolly = await codes(dpo('load_dataset("databricks/databricks-dolly-15k", split="train")'));
      assert.ok(dolly.some((m) => m.startsWith('TL407')), dolly.join('\n'));
      // Near misses: the preference splits of ultrafeedback_binarized, and Anthropic/hh-rlhf.
      for (const load of ['load_dataset("HuggingFaceH4/ultrafeedback_binarized", split="train_prefs")', 'load_dataset("Anthropic/hh-rlhf", split="train")']) {
        const ok = await codes(dpo(load));
        assert.ok(!ok.some((m) => m.startsWith('TL407')), `${load}\n${ok.join('\n')}`);
      }
      // A split the dataset does not have is not answered from the table (datasets raises there too).
      const wrong = await codes(sft('load_dataset("HuggingFaceH4/ultrachat_200k", split="train")', 'text'));
      assert.ok(!wrong.some((m) => m.startsWith('TL106')), wrong.join('\n'));
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
