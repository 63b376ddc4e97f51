/**
 * The language server and a script's project modules: a constant imported from the project's config module
 * is read after the first lint; editing that module (its unsaved text), closing it unsaved, and changing it
 * on disk (a file event) each re-lint the script that imports it. The same for a YAML config file a script reads.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, stdioSession, type Published } from './stdio-session';

const SCRIPT = `from transformers import AutoModelForCausalLM, Trainer, TrainingArguments

from cfg import MODEL_NAME

model = AutoModelForCausalLM.from_pretrained(MODEL_NAME)
args = TrainingArguments(output_dir="out", fp16=True)
trainer = Trainer(model=model, args=args)
trainer.train()
`;

describe('language server: project modules', function () {
  this.timeout(30000);
  const session = stdioSession();
  const { conn, nextDiagnostics } = session;
  let dir = '';
  before(() => {
    mkdirSync(join(ROOT, 'out'), { recursive: true });
    dir = mkdtempSync(join(ROOT, 'out', 'modules-'));
    writeFileSync(join(dir, 'pyproject.toml'), '');
    writeFileSync(join(dir, 'cfg.py'), 'MODEL_NAME = "gpt2"\n');
    writeFileSync(join(dir, 'train.py'), SCRIPT);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const has403 = (p: Published) => p.diagnostics.some((d) => d.code === 'TL403');
  const has601 = (p: Published) => p.diagnostics.some((d) => d.code === 'TL601');

  it('TL601 leaves a module that main.py imports after unsloth, and comes back when main.py imports it first', async () => {
    const train = 'from trl import SFTTrainer\nfrom unsloth import FastLanguageModel\n\n\ndef run(model, tokenizer, dataset):\n    SFTTrainer(model=model, processing_class=tokenizer, train_dataset=dataset).train()\n';
    writeFileSync(join(dir, 'steps.py'), train);
    writeFileSync(join(dir, 'main.py'), 'import unsloth\nfrom steps import run\n');
    const steps = pathToFileURL(join(dir, 'steps.py')).toString();
    const main = pathToFileURL(join(dir, 'main.py')).toString();
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: steps, languageId: 'python', version: 1, text: train } });
    // Never a warning that may be false: before main.py was read, TL601 says nothing.
    assert.ok(!has601(await nextDiagnostics((p) => p.uri === steps)), 'the first publish has no TL601');
    await new Promise((r) => setTimeout(r, 400)); // the importer scan and its re-lint
    assert.ok(!has601(session.latest.get(steps)!), 'main.py loads Unsloth first: still nothing');
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: main, languageId: 'python', version: 1, text: 'import unsloth\nfrom steps import run\n' } });
    await conn.sendNotification('textDocument/didChange', { textDocument: { uri: main, version: 2 }, contentChanges: [{ text: 'from steps import run\nimport unsloth\n' }] });
    await nextDiagnostics((p) => p.uri === steps && has601(p));
  });

  it('TL601 on a lone module with no importer comes once the scan has found none, not before', async () => {
    const text = 'from transformers import AutoTokenizer\nfrom unsloth import FastLanguageModel\n';
    writeFileSync(join(dir, 'lone.py'), text);
    const lone = pathToFileURL(join(dir, 'lone.py')).toString();
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: lone, languageId: 'python', version: 1, text } });
    assert.ok(!has601(await nextDiagnostics((p) => p.uri === lone)), 'not before the scan');
    await nextDiagnostics((p) => p.uri === lone && has601(p));
  });

  it('re-lints the importer when the imported module is edited, closed unsaved, and changed on disk', async () => {
    const train = pathToFileURL(join(dir, 'train.py')).toString();
    const cfg = pathToFileURL(join(dir, 'cfg.py')).toString();
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: train, languageId: 'python', version: 1, text: SCRIPT } });
    assert.ok(!has403(await nextDiagnostics((p) => p.uri === train)), 'gpt2 is not bf16-native');
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: cfg, languageId: 'python', version: 1, text: 'MODEL_NAME = "gpt2"\n' } });
    await conn.sendNotification('textDocument/didChange', { textDocument: { uri: cfg, version: 2 }, contentChanges: [{ text: 'MODEL_NAME = "Qwen/Qwen2.5-0.5B"\n' }] });
    const edited = await nextDiagnostics((p) => p.uri === train && has403(p));
    assert.match(edited.diagnostics.find((d) => d.code === 'TL403').message, /Qwen2\.5/);
    await conn.sendNotification('textDocument/didClose', { textDocument: { uri: cfg } });
    await nextDiagnostics((p) => p.uri === train && !has403(p)); // the disk still says gpt2
    writeFileSync(join(dir, 'cfg.py'), 'MODEL_NAME = "meta-llama/Llama-3.1-8B"\n');
    await conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: cfg, type: 2 }] });
    const saved = await nextDiagnostics((p) => p.uri === train && has403(p));
    assert.match(saved.diagnostics.find((d) => d.code === 'TL403').message, /Llama/);
  });

  it('reads the YAML config a script names, and re-lints it when the file changes on disk', async () => {
    const script = 'import yaml\nfrom transformers import AutoModelForCausalLM, Trainer, TrainingArguments\n\n'
      + 'with open("config.yaml") as f:\n    cfg = yaml.safe_load(f)\n\n'
      + 'model = AutoModelForCausalLM.from_pretrained(cfg["model"]["name"])\n'
      + 'Trainer(model=model, args=TrainingArguments(output_dir="out", fp16=True)).train()\n';
    writeFileSync(join(dir, 'config.yaml'), 'model:\n  name: Qwen/Qwen2.5-0.5B\n');
    writeFileSync(join(dir, 'train_yaml.py'), script);
    const train = pathToFileURL(join(dir, 'train_yaml.py')).toString();
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: train, languageId: 'python', version: 1, text: script } });
    const read = await nextDiagnostics((p) => p.uri === train && has403(p));
    assert.match(read.diagnostics.find((d) => d.code === 'TL403').message, /Qwen2\.5/);
    writeFileSync(join(dir, 'config.yaml'), 'model:\n  name: gpt2\n');
    await conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(dir, 'config.yaml')).toString(), type: 2 }] });
    await nextDiagnostics((p) => p.uri === train && !has403(p));
  });
});
