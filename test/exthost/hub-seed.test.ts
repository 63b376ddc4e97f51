// The seed bug on a Hub dataset that is not in the local cache (the e2e HF cache holds only a
// tokenizer): no data is read, yet TL001 is squiggled as an Error on data_collator= (Unsloth's own dataset
// preparation tokenizes the "text" column the script builds and creates no labels; this Unsloth predates
// its collator swap), and the quick fix removes it. The script is written into the workspace by the test
// and deleted afterwards, so the other suites see the workspace as it was.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { RULE, apply, codeActions, describe, diagnosticsWhen, hasRule, isRule } from './wait';

const SEED = [
  '# pip install unsloth==2025.2.15 trl==0.15.2',
  'from unsloth import FastLanguageModel',
  'from unsloth.chat_templates import standardize_sharegpt',
  'from datasets import load_dataset',
  'from trl import SFTTrainer, SFTConfig',
  'from transformers import DataCollatorForSeq2Seq',
  '',
  'model, tokenizer = FastLanguageModel.from_pretrained("unsloth/Llama-3.2-1B-Instruct", max_seq_length=2048)',
  'model = FastLanguageModel.get_peft_model(model, r=16, lora_alpha=16)',
  '',
  '',
  'def to_text(examples):',
  '    return {"text": [tokenizer.apply_chat_template(c, tokenize=False) for c in examples["conversations"]]}',
  '',
  '',
  'dataset = load_dataset("mlabonne/FineTome-100k", split="train")',
  'dataset = standardize_sharegpt(dataset)',
  'dataset = dataset.map(to_text, batched=True)',
  'trainer = SFTTrainer(model=model, tokenizer=tokenizer, train_dataset=dataset,',
  '                     dataset_text_field="text", max_seq_length=2048,',
  '                     data_collator=DataCollatorForSeq2Seq(tokenizer=tokenizer),',
  '                     args=SFTConfig(output_dir="outputs"))',
  '',
].join('\n');

suite('the seed bug on an uncached Hub dataset', () => {
  let uri: vscode.Uri;
  let doc: vscode.TextDocument;

  suiteSetup(async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no workspace folder open');
    uri = vscode.Uri.joinPath(folder.uri, 'hub_seed_uncached.py');
    await vscode.workspace.fs.writeFile(uri, Buffer.from(SEED, 'utf8'));
    doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
  });

  suiteTeardown(async () => {
    if (doc?.isDirty) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.workspace.fs.delete(uri, { useTrash: false });
  });

  test('TL001 is an Error on data_collator= without any data, and its quick fix removes it', async () => {
    const diags = await diagnosticsWhen(uri, hasRule, `${RULE} on hub_seed_uncached.py`);
    const d = diags.find(isRule)!;
    console.log(`    ${describe(diags)}`);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error, `${RULE} must be an Error: ${d.message}`);
    assert.ok(doc.lineAt(d.range.start.line).text.trim().startsWith('data_collator='), `not on data_collator=: line ${d.range.start.line + 1}`);
    assert.match(d.message, /Remove `data_collator=`/, 'the message ends with what to do');
    const actions = await codeActions(uri, d.range);
    const fix = actions.find((a): a is vscode.CodeAction =>
      'kind' in a && !!a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind) && /remove data_collator/i.test(a.title));
    assert.ok(fix, `no "Remove data_collator" quick fix among: ${actions.map((a) => a.title).join('; ')}`);
    await diagnosticsWhen(uri, (ds) => !hasRule(ds), `${RULE} gone after the quick fix`, { action: () => apply(fix), afterEvent: true });
    assert.ok(!doc.getText().includes('data_collator='), 'data_collator= is still in the document');
    assert.ok(doc.getText().includes('SFTTrainer('), 'the trainer call is intact');
  });
});
