/** The card part of the table of known Hub datasets (session 17: oasst1, HelpSteer2, zen, allocine, …) on realistic scripts. */
import assert from 'node:assert/strict';
import { CARD_HUB_DATASETS } from '../../../server/src/engine/dataset/known-hub-cards';
import { KNOWN_HUB_DATASETS_CHECKED } from '../../../server/src/engine/dataset/known-hub-datasets';
import { lookupKnownHubDataset } from '../../../server/src/engine/dataset/known-hub-lookup';
import { initParser } from '../../../server/src/engine/syntax/parser';
import { cleanup, makeTmp } from '../data/fixtures';
import { lintThroughTable } from './hub-table-lint';

const COLUMN_RULES = new Set(['TL001', 'TL002', 'TL105', 'TL106', 'TL407']);

const sft = (load: string, field: string, pin = '0.19.1') => `# pip install trl==${pin}
from datasets import load_dataset
from trl import SFTTrainer, SFTConfig
ds = ${load}
trainer = SFTTrainer(model="Qwen/Qwen2.5-0.5B", train_dataset=ds, args=SFTConfig(output_dir="o", dataset_text_field="${field}"))
`;
const dpo = (load: string) => `# pip install trl==0.19.1
from datasets import load_dataset
from trl import DPOTrainer, DPOConfig
ds = ${load}
trainer = DPOTrainer(model="Qwen/Qwen2.5-0.5B-Instruct", train_dataset=ds, args=DPOConfig(output_dir="o"))
`;
const unslothSft = (load: string) => `from unsloth import FastLanguageModel
from datasets import load_dataset
from trl import SFTTrainer, SFTConfig
model, tokenizer = FastLanguageModel.from_pretrained("unsloth/Llama-3.2-1B-Instruct", max_seq_length=2048)
ds = ${load}
trainer = SFTTrainer(model=model, tokenizer=tokenizer, train_dataset=ds, args=SFTConfig(output_dir="o"))
`;
const causalTrainer = (load: string, column: string) => `from datasets import load_dataset
from transformers import AutoModelForCausalLM, AutoTokenizer, Trainer, TrainingArguments
tok = AutoTokenizer.from_pretrained("gpt2")
model = AutoModelForCausalLM.from_pretrained("gpt2")
ds = ${load}
ds = ds.map(lambda b: tok(b["${column}"], truncation=True), batched=True, remove_columns=["${column}"])
trainer = Trainer(model=model, train_dataset=ds, args=TrainingArguments(output_dir="o"))
`;

describe('engine: the card part of the known Hub table (session 17)', () => {
  let home: string;
  before(async () => { await initParser(); home = makeTmp(); });
  after(() => cleanup(home));

  /** The column findings of a script, as "CODE severity message". */
  async function findings(text: string): Promise<string[]> {
    const r = await lintThroughTable(home, text);
    try { return r.diagnostics.filter((d) => COLUMN_RULES.has(d.code)).map((d) => `${d.code} ${d.severity} ${d.message}`); } finally { r.dispose(); }
  }

  const table = (id: string) => `columns of ${id.replace(/[/.]/g, (c) => `\\${c}`)} (?:from|in) trainlint's table of known datasets, checked 2026-12-07`;

  // Each probe is a bug these datasets make (or a near miss), with what the lint must say: a finding from the table
  // is an error where the script's own call proves it (the table is dated evidence), as for the earlier entries.
  const probes: { name: string; text: string; want: RegExp | null }[] = [
    {
      name: 'oasst1 is message rows, not conversations: SFT on a "conversation" text field',
      text: sft('load_dataset("OpenAssistant/oasst1", split="train")', 'conversation'),
      want: new RegExp(`^TL106 error \`dataset_text_field="conversation"\` names a column .*${table('OpenAssistant/oasst1')}: message_id, parent_id, user_id, created_date, text, role`),
    },
    { name: 'oasst2 has the same "text" column: near miss', text: sft('load_dataset("OpenAssistant/oasst2", split="validation")', 'text'), want: null },
    {
      name: 'DPO on HelpSteer2 ratings (no chosen/rejected)',
      text: dpo('load_dataset("nvidia/HelpSteer2", split="train")'),
      want: new RegExp(`^TL407 error The train_dataset of DPOTrainer has no "chosen", "rejected" columns \\(${table('nvidia/HelpSteer2')}: prompt, response, helpfulness`),
    },
    { name: 'DPO on trl-lib/tldr-preference: near miss', text: dpo('load_dataset("trl-lib/tldr-preference", split="train")'), want: null },
    {
      name: 'DPO on mosaicml/dolly_hhrlhf (prompt/response only)',
      text: dpo('load_dataset("mosaicml/dolly_hhrlhf", split="test")'),
      want: new RegExp(`^TL407 error .*${table('mosaicml/dolly_hhrlhf')}: prompt, response\\)`),
    },
    {
      name: 'zen standard_prompt_only to SFT on TRL 0.19: prompt without completion',
      text: sft('load_dataset("trl-internal-testing/zen", "standard_prompt_only", split="train")', 'text'),
      want: new RegExp(`^TL106 error SFTTrainer takes any row with a "prompt" column .*no "completion" column \\(${table('trl-internal-testing/zen')}: prompt\\)`),
    },
    {
      name: 'zen conversational_language_modeling (messages) to Unsloth\'s SFTTrainer without rendering text',
      text: unslothSft('load_dataset("trl-internal-testing/zen", "conversational_language_modeling", split="train")'),
      want: new RegExp(`^TL105 \\w+ Unsloth's SFTTrainer does not apply the chat template to the "messages" column .*${table('trl-internal-testing/zen')}: messages\\)`),
    },
    {
      name: 'allocine\'s ClassLabel reaching a causal LM as labels',
      text: causalTrainer('load_dataset("allocine", split="train")', 'review'),
      want: new RegExp(`^TL002 error .*${table('allocine')}\\).*of type class_label\\[neg, pos\\]`),
    },
    {
      name: 'cifar10\'s ClassLabel to a causal LM (its img column is what the map drops)',
      text: causalTrainer('load_dataset("cifar10", split="test")', 'img'),
      want: new RegExp(`^TL002 error .*${table('cifar10')}\\).*of type class_label\\[airplane, automobile`),
    },
    {
      name: 'Maxwell-Jia/AIME_2024 has Problem, not problem',
      text: sft('load_dataset("Maxwell-Jia/AIME_2024", split="train")', 'problem'),
      want: new RegExp(`^TL106 error .*${table('Maxwell-Jia/AIME_2024')}: ID, Problem, Solution, Answer\\)`),
    },
  ];

  for (const p of probes) {
    it(p.name, async () => {
      const got = await findings(p.text);
      if (p.want === null) assert.deepEqual(got, [], got.join('\n'));
      else {
        assert.equal(got.length, 1, got.join('\n'));
        assert.match(got[0], p.want);
      }
    });
  }

  it('a trainer built inside pytest.raises or assertRaises (a test expecting it to fail) is not checked', async () => {
    // huggingface/trl tests/test_dpo_trainer.py: DPOTrainer on zen's unpaired preference config, expecting the Liger
    // compute_metrics ValueError that TRL raises before it prepares the dataset.
    const body = (ctx: string, indent: string) => `# pip install trl==0.19.1
import pytest, unittest
from datasets import load_dataset
from trl import DPOTrainer, DPOConfig
def test_fails():
    dataset = load_dataset("trl-internal-testing/zen", "standard_unpaired_preference", split="train")
    ${ctx}
    ${indent}DPOTrainer(model="Qwen/Qwen2.5-0.5B-Instruct", args=DPOConfig(output_dir="o"), train_dataset=dataset, compute_metrics=lambda _: {})
`;
    assert.deepEqual(await findings(body('with pytest.raises(ValueError, match="compute_metrics"):', '    ')), []);
    assert.deepEqual(await findings(body('with self.assertRaises(ValueError) as cm:', '    ')), []);
    const outside = await findings(body('pass', ''));
    assert.equal(outside.length, 1, outside.join('\n'));
    assert.match(outside[0], /^TL407 error The train_dataset of DPOTrainer has no "chosen", "rejected" columns/);
    const sftInRaises = await findings(`# pip install trl==0.19.1
import pytest
from datasets import load_dataset
from trl import SFTTrainer, SFTConfig
ds = load_dataset("OpenAssistant/oasst1", split="train")
with pytest.raises(KeyError):
    SFTTrainer(model="Qwen/Qwen2.5-0.5B", train_dataset=ds, args=SFTConfig(output_dir="o", dataset_text_field="conversation"))
`);
    assert.deepEqual(sftInRaises, []);
  });

  it('a split replaced by item assignment, then the whole DatasetDict mapped and renamed: the split is the new one', async () => {
    // andysingal/llm-course transformers/classification/classification_bert.ipynb: `dataset['train'] = df['train']`,
    // then `dataset = dataset.map(…)` and `dataset.rename_column("star", "label")` before the Trainer.
    const script = (rebind: boolean) => `from datasets import load_dataset
from transformers import AutoTokenizer, AutoModelForSequenceClassification, DataCollatorWithPadding, Trainer, TrainingArguments
tokenizer = AutoTokenizer.from_pretrained("distilbert-base-cased")
dataset = load_dataset("app_reviews", split="train")
dataset = dataset.train_test_split(test_size=0.2, seed=42)
df = dataset["train"].train_test_split(test_size=0.25, seed=42)
dataset["train"] = df["train"]
dataset["val"] = df["test"]
${rebind ? 'dataset = ' : 'other = '}dataset.map(lambda e: tokenizer(e["review"], truncation=True), batched=True)
${rebind ? 'dataset = ' : 'other = '}dataset.rename_column("star", "label")
model = AutoModelForSequenceClassification.from_pretrained("distilbert-base-cased", num_labels=5)
trainer = Trainer(model=model, args=TrainingArguments(output_dir="o"), train_dataset=dataset["train"], eval_dataset=dataset["val"],
                  data_collator=DataCollatorWithPadding(tokenizer=tokenizer))
`;
    assert.deepEqual(await findings(script(true)), []);
    // Near miss: the map and rename bound to another name leave dataset["train"] the replaced, raw split.
    const raw = await findings(script(false));
    assert.ok(raw.some((m) => /^TL001 error The training dataset has no "labels" column \(columns: package_name, review, date, star, starting from the columns of app_reviews/.test(m)), raw.join('\n'));
  });

  it('only what the card or script says is answered: configs that must be named, configs not read, revision "main"', async () => {
    const field = (load: string) => sft(load, 'content');
    const zen = (args: string) => field(`load_dataset("trl-internal-testing/zen", ${args})`);
    // Answered: a named config (positional or name=), revision="main" (the default), a sliced split.
    for (const args of [
      '"standard_language_modeling", split="train"', 'name="standard_language_modeling", split="train[:50%]"', '"standard_language_modeling", split="test", revision="main"',
      // load_dataset's own keywords that leave the rows as they are
      '"standard_language_modeling", split="train", cache_dir="/tmp/c", num_proc=4, token=True, trust_remote_code=True, keep_in_memory=True, download_mode="force_redownload"',
    ]) {
      const got = await findings(zen(args));
      assert.equal(got.length, 1, `${args}\n${got.join('\n')}`);
      assert.match(got[0], /^TL106 error `dataset_text_field="content"` names a column .*: text\)/);
    }
    // Not answered: no config for a dataset of several, another revision, data_files=, a config computed at run time,
    // a case variant of the id (kept as written), an id outside the table.
    for (const load of [
      'load_dataset("trl-internal-testing/zen", split="train")',
      'load_dataset("trl-internal-testing/zen", "standard_language_modeling", split="train", revision="v1.0")',
      'load_dataset("trl-internal-testing/zen", "standard_language_modeling", data_files="standard_language_modeling/train-*.parquet", split="train")',
      'load_dataset("TRL-Internal-Testing/ZEN", "standard_language_modeling", split="train")',
      // keywords datasets passes to the builder's config, or that recast the rows
      'load_dataset("trl-internal-testing/zen", "standard_language_modeling", split="train", lang1="en")',
      'load_dataset("trl-internal-testing/zen", "standard_language_modeling", split="train", features=feats)',
      'load_dataset("cais/mmlu", "high_school_mathematics", split="test")',
      'load_dataset("someone/never-read", split="train[:10%]")',
    ]) assert.deepEqual(await findings(field(load)), [], load);
    const why = (id: string, name: string | undefined, split: string) => (lookupKnownHubDataset(id, name, split) as { why?: string }).why ?? '';
    assert.match(why('allenai/ai2_arc', undefined, 'test'), /several configs \(ARC-Challenge, ARC-Easy\) and none is named/);
    assert.match(why('cais/mmlu', 'high_school_mathematics', 'test'), /no config "high_school_mathematics" .*and others not read/);
    assert.match(why('DigitalLearningGmbH/MATH-lighteval', 'geometry', 'train'), /no config "geometry"/);
    assert.match(why('AI4Math/MathVista', undefined, 'train'), /no split "train" \(splits: testmini, test, per the dataset card read 2026-12-07/);
    assert.equal((lookupKnownHubDataset('cais/mmlu', 'all', 'auxiliary_train[:10%]') as { rowCount?: number }).rowCount, 9984);
    assert.equal((lookupKnownHubDataset('DigitalLearningGmbH/MATH-lighteval', undefined, 'train+test') as { rowCount?: number }).rowCount, 12500);
    const squad = lookupKnownHubDataset('squad_v2', undefined, 'validation');
    assert.ok(squad && !('why' in squad) && squad.config === 'squad_v2' && squad.rowCount === 11873, 'a single named config (default: true in the card) needs no name');
  });

  it('every entry of the card part says where it was read, is counted, and carries its own date', () => {
    assert.ok(CARD_HUB_DATASETS.length >= 25);
    assert.notEqual(KNOWN_HUB_DATASETS_CHECKED, '2026-12-07', 'the earlier entries keep their date');
    for (const d of CARD_HUB_DATASETS) {
      assert.equal(d.checked, '2026-12-07', d.id);
      assert.ok(d.evidence.length > 0 && d.evidence.every((e) => e.length > 40), d.id);
      assert.ok(Object.values(d.uses).some((n) => (typeof n === 'number' ? n : n?.calls ?? 0) > 0), d.id);
    }
  });
});
