/**
 * One lint of a small built-in script, so that the first document a user opens does not pay for
 * what every process pays once: the parser's WebAssembly functions compiled on first call, the rules'
 * code run for the first time. The language server calls it before it answers `initialize`.
 * No disk, no data, no environment: it only exercises code.
 */
import { knownHubDataset } from './dataset/known-hub-lookup';
import { experimentalTableRead } from './domain/trl-experimental';
import { lint } from './lint/lint';
import { PipelineCache } from './lint/pipelines';
import { ParsedScript } from './syntax/parsed-script';
import { ScriptDocument } from './syntax/script-document';

const SAMPLE = `from datasets import load_dataset
from transformers import AutoTokenizer, DataCollatorForSeq2Seq, TrainingArguments
from trl import SFTConfig, SFTTrainer

tokenizer = AutoTokenizer.from_pretrained("Qwen/Qwen2.5-0.5B-Instruct")
tokenizer.pad_token = tokenizer.eos_token
dataset = load_dataset("json", data_files="train.jsonl", split="train")


def to_text(batch):
    return {"text": [f"### Q:\\n{q}\\n### A:\\n{a}" + tokenizer.eos_token for q, a in zip(batch["q"], batch["a"])]}


dataset = dataset.map(to_text, batched=True, remove_columns=["q", "a"])
trainer = SFTTrainer(
    model="Qwen/Qwen2.5-0.5B-Instruct",
    processing_class=tokenizer,
    train_dataset=dataset,
    data_collator=DataCollatorForSeq2Seq(tokenizer=tokenizer),
    args=SFTConfig(output_dir="out", max_length=1024, per_device_train_batch_size=2, num_train_epochs=1),
)
trainer.train()
`;

/** `initParser()` must have completed. Never throws: a failure here only means a colder first lint. */
export function warmUpEngine(): void {
  let script: ParsedScript | undefined;
  try {
    script = ParsedScript.parse(SAMPLE, { edited: true });
    lint({ doc: ScriptDocument.fromPython('/warm-up/train.py', SAMPLE), script });
    // The table of known Hub datasets and the generated tables are built on their first lookup (a CLI run that meets no
    // Hub id never builds them); the language server builds them here, before `initialize` is answered, as it did when
    // they were built at load (the sample's lint reads the config-field and trainer-signature tables).
    knownHubDataset('');
    experimentalTableRead();
  } catch {
    /* nothing to warm */
  } finally {
    script?.dispose();
  }
}

/** The sample with a second training run after it: linted one pipeline at a time, as a script with several trainers is. */
const TWO_RUNS = `${SAMPLE}
second = load_dataset("json", data_files="more.jsonl", split="train").map(to_text, batched=True, remove_columns=["q", "a"])
again = SFTTrainer(model="Qwen/Qwen2.5-0.5B-Instruct", processing_class=tokenizer, train_dataset=second, args=SFTConfig(output_dir="out2"))
again.train()
`;

/**
 * What an editor runs after the first open, run once on a built-in two-trainer script: a lint split by pipeline with
 * its cache, then a few edits re-parsed incrementally, each re-linting one pipeline. The language server calls it
 * when idle, before it keeps its compiled code for the next start (launch/cached-load.ts), so that code is in the
 * cache and the next server's first edits and first multi-trainer open do not compile it. Never throws.
 */
export function warmUpEditing(edits = 4): void {
  let script: ParsedScript | undefined;
  try {
    script = ParsedScript.parse(TWO_RUNS, { edited: true });
    const pipelines = new PipelineCache();
    const line = TWO_RUNS.split('\n').length - 2; // `again.train()`
    lint({ doc: ScriptDocument.fromPython('/warm-up/train.py', TWO_RUNS), script, pipelines });
    for (let i = 0; i < edits; i++) {
      const add = i % 2 === 0;
      script.update([{ range: { start: { line, character: 0 }, end: { line, character: add ? 0 : 1 } }, text: add ? '#' : '' }]);
      lint({ doc: ScriptDocument.fromPython('/warm-up/train.py', script.text), script, pipelines });
    }
  } catch {
    /* nothing to warm */
  } finally {
    script?.dispose();
  }
}
