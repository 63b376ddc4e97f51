/** Messages say which version a verdict rests on and where it came from; notebooks that install the newest release are judged by it. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_RULES, lintText } from '../../../server/src/engine/index';
import { discoverEnvironment } from '../../../server/src/engine/env/discover';
import { LATEST_KNOWN } from '../../../server/src/engine/env/latest-known';
import { lintSnippet, ready } from '../helpers';

const rule = (code: string) => ALL_RULES.filter((r) => r.code === code);

const UNSLOTH_SFT = (installs: string) => `${installs}
from unsloth import FastLanguageModel
from trl import SFTTrainer, SFTConfig
max_seq_length = 2048
model, tokenizer = FastLanguageModel.from_pretrained("unsloth/Qwen3-14B", max_seq_length=max_seq_length)
trainer = SFTTrainer(model=model, tokenizer=tokenizer, train_dataset=dataset, args=SFTConfig(output_dir="o"))
`;

/** The same lines as a notebook whose first cell runs `installs` (magics and all): what IPython runs. */
const asNotebook = (installs: string, code: string) => lintText('/tmp/trainlint-test/train.ipynb', JSON.stringify({
  nbformat: 4, nbformat_minor: 5, metadata: {},
  cells: [installs, code].map((source) => ({ cell_type: 'code', metadata: {}, execution_count: null, outputs: [], source })),
}), { rules: rule('TL305').concat(rule('TL501')) }).diagnostics;

describe('version sources in messages', () => {
  before(ready);

  it('TL305: silent when the notebook installs the newest Unsloth; names the pinned old one', () => {
    const sft = UNSLOTH_SFT('');
    assert.deepEqual(asNotebook('!pip install unsloth\n!pip install --no-deps trl==0.22.2', sft).filter((d) => d.code === 'TL305'), []);
    assert.deepEqual(asNotebook('%pip install -U "unsloth @ git+https://github.com/unslothai/unsloth.git" trl==0.22.2', sft).filter((d) => d.code === 'TL305'), []);
    // The same installs in a comment do not run: the newest Unsloth is a guess there, as with no install at all.
    const commented = lintSnippet(UNSLOTH_SFT('# !pip install unsloth\n# !pip install --no-deps trl==0.22.2'), { rules: rule('TL305') });
    assert.deepEqual(commented.map((d) => d.severity), ['information']);
    assert.match(commented[0].message, /the only install of Unsloth is unpinned and does not run \(line 1, in a comment\)/);
    // The bug is of releases before 2025.6.1: the newest known release is not among them, and the note says so
    // (behroozazarkhalili/HF-TRL-Slurm's notebooks said "would be affected").
    assert.match(commented[0].message, /the newest known, [0-9.]+ as of [0-9-]+, would not be affected/);
    const old = lintSnippet(UNSLOTH_SFT('# !pip install unsloth==2025.5.10 trl==0.19.1'), { rules: rule('TL305') });
    assert.equal(old.length, 1);
    assert.match(old[0].message, /TRL 0\.19\.1, from `pip install` on line 1, in a comment; Unsloth 2025\.5\.10, from `pip install` on line 1, in a comment/);
    const unknown = lintSnippet(UNSLOTH_SFT('# !pip install trl==0.19.1'), { rules: rule('TL305') });
    assert.equal(unknown[0]?.severity, 'information');
    // The note names the range and why the version is not known (skkuhg/gpt-oss-unsloth-finetuning lists Unsloth as a bare git URL).
    assert.match(unknown[0].message, /\(with Unsloth < 2025\.6\.1; the installed version is unknown: no installed copy of Unsloth was found, nor a pin or an install that names its release; newer Unsloth copies max_seq_length into max_length\)/);
  });

  it('TL303: before transformers 4.46 the run fails at the first evaluation, not before training', () => {
    // andysingal/llm-course `llama_finetune/phi2 ft.ipynb` pins transformers==4.31.0; the up-front check is PR #33743.
    const script = (pin: string) => `${pin}
from transformers import Trainer, TrainingArguments
args = TrainingArguments(output_dir="o", evaluation_strategy="steps", eval_steps=2000)
trainer = Trainer(model=model, args=args, train_dataset=ds)
trainer.train()
`;
    const old = lintSnippet(script('# !pip install transformers==4.31.0'), { rules: rule('TL303') });
    assert.equal(old.length, 1);
    assert.equal(old[0].severity, 'error');
    assert.match(old[0].message, /training starts and raises "ValueError: Trainer: evaluation requires an eval_dataset\." at the first evaluation/);
    assert.match(old[0].message, /transformers 4\.31\.0, from `pip install` on line 1, in a comment; transformers checks this before training only from 4\.46/);
    const now = lintSnippet(script('# !pip install transformers==4.46.0'), { rules: rule('TL303') });
    assert.match(now[0].message, /before training starts\.$/);
    const unknown = lintSnippet(script(''), { rules: rule('TL303') });
    assert.equal(unknown[0].severity, 'error');
    assert.match(unknown[0].message, /before training starts \(with transformers ≥ 4\.46; the installed version is unknown: no installed copy of transformers was found, nor a pin or an install that names its release\), and on older versions/);
  });

  it('TL303: a trainer the script never trains or evaluates fails only on the check in __init__ (transformers ≥ 4.46)', () => {
    // BirgerMoell/whisper-training push_model_to_hub.py: Seq2SeqTrainer built to call push_to_hub(), eval_dataset commented out.
    const script = (pin: string, use = 'trainer.push_to_hub(language="sv")') => `${pin}
from transformers import Seq2SeqTrainer, Seq2SeqTrainingArguments
args = Seq2SeqTrainingArguments(output_dir="o", evaluation_strategy="steps", eval_steps=1000)
trainer = Seq2SeqTrainer(args=args, model=model)
${use}
`;
    const unknown = lintSnippet(script(''), { rules: rule('TL303') });
    assert.deepEqual(unknown.map((d) => d.severity), ['information']);
    assert.match(unknown[0].message, /creating it raises "ValueError: You have set args\.eval_strategy to … but you didn't pass an eval_dataset" \(with transformers ≥ 4\.46; the installed version is unknown: no installed copy of transformers was found, nor a pin or an install that names its release\)\. This script never trains or evaluates `trainer`, so on older versions nothing fails\./);
    assert.deepEqual(lintSnippet(script('# !pip install transformers==4.31.0'), { rules: rule('TL303') }), []);
    assert.deepEqual(lintSnippet(script('# !pip install transformers==4.46.0'), { rules: rule('TL303') }).map((d) => d.severity), ['error']);
    // Trained, evaluated, or handed on: the usual error.
    for (const use of ['trainer.train()', 'trainer.evaluate()', 'trainer = train_on_responses_only(trainer)', 'return trainer']) {
      assert.deepEqual(lintSnippet(script('', use), { rules: rule('TL303') }).map((d) => d.severity), ['error'], use);
    }
  });

  it('a removal rule names the newest known release it assumed for an unpinned install', () => {
    const d = asNotebook('!pip install -U trl', 'from trl import SFTTrainer\ntrainer = SFTTrainer(model=m, tokenizer=tok, train_dataset=ds)\n');
    assert.equal(d.length, 1);
    assert.equal(d[0].severity, 'error');
    assert.ok(d[0].message.includes(`assuming TRL ${LATEST_KNOWN.trl.version}, the newest known as of ${LATEST_KNOWN.trl.asOf}, since the notebook installs it unpinned (cell 1, line 1)`), d[0].message);
    // tpu-examples `tpu_sft.py` documents its setup as `# pip install trl peft`: a comment, which does not run, and the
    // message says so at information.
    const c = lintSnippet('# pip install -U trl\nfrom trl import SFTTrainer\ntrainer = SFTTrainer(model=m, tokenizer=tok, train_dataset=ds)\n', { rules: rule('TL501') });
    assert.deepEqual(c.map((x) => x.severity), ['information']);
    assert.match(c[0].message, /the only install of TRL is unpinned and does not run \(line 1, in a comment\): the installed version is unknown; the newest known, [0-9.]+ as of [0-9-]+, would be affected\)/);
  });

  it('a pin in requirements.txt and an installed package are named as such', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trainlint-vmsg-'));
    writeFileSync(join(dir, 'requirements.txt'), 'trl==0.12.2\n');
    const text = 'from trl import SFTTrainer\ntrainer = SFTTrainer(model=m, tokenizer=tok, train_dataset=ds)\n';
    const env = discoverEnvironment({ scriptDir: dir, workspaceRoot: dir, env: {} });
    const d = lintText(join(dir, 'train.py'), text, { rules: rule('TL501'), env }).diagnostics;
    assert.match(d[0]?.message ?? '', /TRL 0\.12\.2, pinned in requirements\.txt/);
    mkdirSync(join(dir, '.venv/lib/python3.11/site-packages/trl-0.13.0.dist-info'), { recursive: true });
    writeFileSync(join(dir, '.venv/pyvenv.cfg'), '');
    const env2 = discoverEnvironment({ scriptDir: dir, workspaceRoot: dir, env: {} });
    const d2 = lintText(join(dir, 'train.py'), text, { rules: rule('TL501'), env: env2 }).diagnostics;
    assert.match(d2[0]?.message ?? '', /TRL 0\.13\.0, installed in \.venv/);
  });

  it('a library the project installs without a version: the message does not say nothing installs it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trainlint-unpinned-'));
    writeFileSync(join(dir, 'requirements.txt'), 'transformers\n');
    writeFileSync(join(dir, 'Dockerfile'), 'FROM python:3.11\nRUN pip install transformers\n');
    const text = 'from transformers import TrainingArguments\nargs = TrainingArguments(output_dir="o", warmup_ratio=0.1)\n';
    const env = discoverEnvironment({ scriptDir: dir, workspaceRoot: dir, env: {} });
    const d = lintText(join(dir, 'train.py'), text, { rules: rule('TL510'), env }).diagnostics;
    assert.equal(d[0]?.severity, 'information');
    assert.match(d[0].message, /the installed version is unknown: no installed copy of transformers was found, nor a pin or an install that names its release/);
    assert.doesNotMatch(d[0].message, /no (?:pin or )?install of transformers was found/);
  });

  it('a script that says nothing of its versions gets no warning or error from a version gate; naming the versions gives the rules\' own severities', () => {
    // A 2023-style SFT script: each of these findings depends on which TRL / transformers runs it.
    const body = [
      'from datasets import load_dataset',
      'from transformers import AutoTokenizer, TrainingArguments',
      'from trl import SFTTrainer',
      'tokenizer = AutoTokenizer.from_pretrained("meta-llama/Llama-3.2-1B-Instruct")',
      'tokenizer.pad_token = tokenizer.eos_token',
      'dataset = load_dataset("json", data_files="train.jsonl", split="train")',
      'args = TrainingArguments(output_dir="o", evaluation_strategy="no")',
      'trainer = SFTTrainer(model="meta-llama/Llama-3.2-1B-Instruct", tokenizer=tokenizer, train_dataset=dataset, args=args, max_seq_length=512, dataset_text_field="text")',
      '',
    ].join('\n');
    const bare = lintSnippet(body);
    const gated = bare.filter((d) => /the installed version is unknown/.test(d.message));
    assert.ok(gated.length >= 3, JSON.stringify(bare.map((d) => `${d.code} ${d.severity}`)));
    assert.deepEqual(gated.filter((d) => d.severity !== 'information').map((d) => `${d.code} ${d.severity}`), []);
    const pinned = lintSnippet(`# pip install trl==0.19.1 transformers==4.56.0\n${body}`);
    for (const code of ['TL501', 'TL504']) {
      const d = pinned.find((x) => x.code === code);
      assert.equal(d?.severity, 'error', `${code} on pinned versions that reject the name: ${d?.message}`);
    }
  });

  it('a dev release of the removing version is unknown: information, never a warning, and the message says why', () => {
    const d = lintSnippet('# pip install trl==0.16.0.dev0\nfrom trl import SFTTrainer\ntrainer = SFTTrainer(model=m, tokenizer=tok, train_dataset=ds)\n', { rules: rule('TL501') });
    assert.equal(d[0]?.severity, 'information');
    assert.match(d[0].message, /pre-release of 0\.16/);
  });
  it('TL504: evaluation_strategy still works on transformers 4.46–4.50 (information), raises from 4.51', () => {
    const args = (pin: string) => lintSnippet(`# pip install transformers==${pin}\nfrom transformers import TrainingArguments\nargs = TrainingArguments(output_dir="o", evaluation_strategy="epoch")\n`, { rules: rule('TL504') });
    for (const pin of ['4.46.3', '4.50.3']) {
      const d = args(pin);
      assert.equal(d.length, 1, pin);
      assert.equal(d[0].severity, 'information', `${pin}: ${d[0].message}`);
      assert.deepEqual(d[0].tags, ['deprecated']);
    }
    const removed = args('4.51.3');
    assert.equal(removed[0]?.severity, 'error');
    assert.match(removed[0].message, /removed from TrainingArguments in transformers 4\.51 \(transformers 4\.51\.3/);
  });
});
