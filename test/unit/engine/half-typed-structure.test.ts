/**
 * Code still being typed that tree-sitter's recovery reads into another structure (`syntax/syntax-errors.ts`): a
 * statement ended early (`x = ds[` read as `x = ds`), lines cut off from their statement (indented further than their
 * block), the statements under an `if`/`def` header swallowed into an ERROR, a string left open that takes the
 * statements below into brackets. Their assignments make names unknown (`facts/unread-assignments.ts`); each case has a
 * near miss that parses or is broken elsewhere and still resolves.
 */
import assert from 'node:assert/strict';
import { ParsedScript, ScriptDocument } from '../../../server/src/engine/index';
import { buildFacts } from '../../../server/src/engine/facts/build';
import { reachingAssignment } from '../../../server/src/engine/facts/reaching';
import type { FileFacts } from '../../../server/src/engine/facts/types';
import { cutShort, misplaced, underSwallowedHeader, unknownGuardRows } from '../../../server/src/engine/syntax/syntax-errors';
import type { Node } from 'web-tree-sitter';
import { ready } from '../helpers';

/** What `name` resolves to where the argument of the call to `callee` reads it (its value text, or undefined). */
function readAt(f: FileFacts, callee: string, name: string): string | undefined {
  const call = f.calls.find((c) => c.calleeText === callee);
  assert.ok(call, `no call to ${callee}`);
  const use = call.node.descendantsOfType('identifier').find((n) => n?.text === name);
  assert.ok(use, `${name} not read in ${callee}(…)`);
  return reachingAssignment(f, name, use)?.valueText;
}

function withScript(text: string, check: (f: FileFacts, root: Node) => void): void {
  const script = ParsedScript.parse(text);
  try { check(buildFacts(script.syntax), script.syntax.roots[0]); } finally { script.dispose(); }
}

/** The statement (child of the module or a block) that starts on 1-based `line`. */
function statementOn(root: Node, line: number): Node {
  const n = root.descendantsOfType(['expression_statement', 'if_statement', 'function_definition']).find((s) => s?.startPosition.row === line - 1 && (s.parent?.type === 'module' || s.parent?.type === 'block'));
  assert.ok(n, `no statement on line ${line}`);
  return n;
}

describe('half-typed code read into another structure', () => {
  before(ready);

  it('`x = raw[` parsed as `x = raw` and an ERROR: the statement is cut short and `x` is unknown after it', () => {
    withScript(`raw = load_dataset("json", data_files=files)
if do_eval:
    ev = raw[
    if n is not None:
        ev = ev.select(range(n))
`, (f, root) => {
      assert.equal(cutShort(statementOn(root, 3)), true);
      assert.equal(readAt(f, 'ev.select', 'ev'), undefined);
    });
  });

  it('near miss: `x = raw` complete, a syntax error elsewhere: `x` still reaches', () => {
    withScript(`raw = load_dataset("json", data_files=files)
if do_eval:
    ev = raw
    if n is not None:
        ev = ev.select(range(n))
print(
`, (f, root) => {
      assert.equal(cutShort(statementOn(root, 3)), false);
      assert.equal(readAt(f, 'ev.select', 'ev'), 'raw');
    });
  });

  it('`tok = dataset` typed above the indented arguments of the call: cut short, the lines below cut off', () => {
    withScript(`def main():
    tok = dataset
        lambda x: f(x),
        remove_columns=["text"]
    )
    show(tok, remove_columns)
`, (f, root) => {
      assert.equal(cutShort(statementOn(root, 2)), true);
      assert.equal(misplaced(statementOn(root, 4)), true, 'an argument line read as a statement');
      assert.equal(misplaced(statementOn(root, 6)), false);
      assert.equal(readAt(f, 'show', 'tok'), undefined);
      assert.equal(readAt(f, 'show', 'remove_columns'), undefined, 'a keyword read as an assignment');
    });
  });

  it('near miss: the same statements at one indentation, a syntax error elsewhere', () => {
    withScript(`def main():
    tok = dataset
    remove_columns = ["text"]
    show(tok, remove_columns)
print(
`, (f, root) => {
      assert.equal(cutShort(statementOn(root, 2)), false);
      assert.equal(misplaced(statementOn(root, 3)), false);
      assert.equal(readAt(f, 'show', 'tok'), 'dataset');
      assert.equal(readAt(f, 'show', 'remove_columns'), '["text"]');
    });
  });

  it('an `if` header swallowed into an ERROR: what it guards is under an unknown guard, and what it binds unknown', () => {
    withScript(`def main():
    ds = load_dataset(
    tok = AutoTokenizer.from_pretrained(BASE)
    if tok.pad_token is None:
        tok.pad_token = tok.eos_token
        side = "left"
    tok.padding_side = "right"
    show(side)
`, (f, root) => {
      assert.ok(unknownGuardRows(root.tree).some((r) => r.from === 4 && r.to === 6), JSON.stringify(unknownGuardRows(root.tree)));
      assert.equal(underSwallowedHeader(statementOn(root, 5)), true);
      assert.equal(underSwallowedHeader(root.descendantsOfType('expression_statement').find((n) => n?.startPosition.row === 6)!), false, 'dedented: after the guard');
      assert.equal(readAt(f, 'show', 'side'), undefined);
    });
  });

  it('near miss: the `if` parses (a syntax error below it): no unknown guard, the binding reaches', () => {
    withScript(`def main():
    ds = load_dataset("json")
    tok = AutoTokenizer.from_pretrained(BASE)
    side = "left"
    if tok.pad_token is None:
        tok.pad_token = tok.eos_token
    show(side)
print(
`, (f, root) => {
      assert.deepEqual(unknownGuardRows(root.tree), []);
      assert.equal(underSwallowedHeader(statementOn(root, 6)), false);
      assert.equal(readAt(f, 'show', 'side'), '"left"');
    });
  });

  it('a notebook cell\'s string left open takes the cells below into brackets: a statement at its column rebinds', () => {
    const doc = ScriptDocument.fromNotebook('/tmp/nb.ipynb', [
      { kind: 'code', text: 'dataset = load_dataset("b-mc2/sql-create-context", split="train")\ndataset = dataset.train_test_split(test_size=0.2)\nprint(dataset["train"][345]["messages"])\n\n# save datasets to disk\ndataset["\ndataset["test"].to_json("test_dataset.json", orient="records")' },
      { kind: 'code', text: 'print(dataset["train"][345])' },
      { kind: 'code', text: '# Load jsonl data from disk\ndataset = load_dataset("json", data_files="train_dataset.json", split="train")' },
      { kind: 'code', text: 'import torch\nmodel_id = "codellama/CodeLlama-7b-hf"' },
      { kind: 'code', text: 'trainer = SFTTrainer(model=model_id, train_dataset=dataset)' },
    ]);
    withScript(doc.text, (f) => assert.equal(readAt(f, 'SFTTrainer', 'dataset'), undefined));
  });

  it('a `return {` left open in a function takes in the module-level lines below: they rebind at module level', () => {
    const doc = ScriptDocument.fromNotebook('/tmp/nb.ipynb', [
      { kind: 'code', text: 'ds = load_dataset("xlangai/spider")\n\ndef format_sample(sample):\n    return {\n\n\nds = ds.map(format_sample)' },
      { kind: 'code', text: 'trainer = SFTTrainer(model=m, train_dataset=ds["train"], dataset_text_field="text")' },
    ]);
    withScript(doc.text, (f) => assert.equal(readAt(f, 'SFTTrainer', 'ds'), undefined));
  });

  it('near miss: a keyword argument inside the brackets of a broken call is not an assignment', () => {
    withScript(`args = TrainingArguments(output_dir="o")
trainer = Trainer(model=m,
    args=args, train_dataset=[
show(args)
`, (f) => assert.equal(readAt(f, 'show', 'args'), 'TrainingArguments(output_dir="o")'));
  });

  it('nothing is asked of a tree without syntax errors', () => {
    withScript('x = 1\nif y:\n    z = 2\n', (_f, root) => {
      assert.equal(cutShort(statementOn(root, 1)), false);
      assert.equal(misplaced(statementOn(root, 3)), false);
      assert.deepEqual(unknownGuardRows(root.tree), []);
    });
  });
});
