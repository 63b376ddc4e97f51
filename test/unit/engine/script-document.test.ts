/** Notebooks as one script: code cells joined, magics commented out, positions mapped back to cells. */
import assert from 'node:assert/strict';
import { ScriptDocument } from '../../../server/src/engine/syntax/script-document';
import { fixAllNotebook } from '../../../server/src/engine/lint/apply-fixes';
import type { Diagnostic } from '../../../server/src/engine/diagnostics';
import { lintDocument } from '../../../server/src/engine/index';
import { codes, ready } from '../helpers';

describe('script document (notebooks)', () => {
  before(ready);
  const doc = ScriptDocument.fromNotebook('/nb.ipynb', [
    { id: 'md', kind: 'markdown', text: '# Title' },
    { id: 'a', kind: 'code', text: '  !pip install trl==0.19.1\nimport trl' },
    { id: 'b', kind: 'code', text: '%%time\nx = trl.SFTConfig(output_dir="o")' },
  ]);

  it('joins code cells, commenting out magics so they parse', () => {
    assert.equal(doc.text, '  0#pip install trl==0.19.1\nimport trl\n0#%time\nx = trl.SFTConfig(output_dir="o")');
    assert.deepEqual(doc.cells?.map((c) => [c.cellId, c.startLine, c.lineCount]), [['a', 0, 2], ['b', 2, 2]]);
  });

  it('comments out whole cells in another language (%%bash, %%writefile), keeps %%capture bodies as Python', () => {
    const nb = ScriptDocument.fromNotebook('/nb.ipynb', [
      { id: 'sh', kind: 'code', text: '%%bash\npython -m pip install -qU uv\nif [ -x y ]; then echo "$(ls)"; fi' },
      { id: 'wf', kind: 'code', text: '%%writefile run.py\ndef broken(:\n    pass' },
      { id: 'cap', kind: 'code', text: '%%capture\n!pip install trl\nimport trl' },
      // IPython drops leading blank lines first (NVIDIA/GenerativeAIExamples finetuning/Gemma/sft.ipynb).
      { id: 'lead', kind: 'code', text: '\n%%bash\ncd NeMo-Aligner' },
    ]);
    assert.equal(nb.text, [
      '#%%bash', '#python -m pip install -qU uv', '#if [ -x y ]; then echo "$(ls)"; fi',
      '#%%writefile run.py', '#def broken(:', '#    pass',
      '0#%capture', '0#pip install trl', 'import trl',
      '#', '#%%bash', '#cd NeMo-Aligner',
    ].join('\n'));
    // Positions in a commented-out cell map back to the cell's own columns.
    assert.deepEqual(nb.toCellPosition({ line: 1, character: 11 }), { cell: nb.cells![0], position: { line: 1, character: 10 } });
    assert.deepEqual(nb.fromCellPosition('wf', { line: 1, character: 4 }), { line: 4, character: 5 });
  });

  it("reads IPython's assignment of a command's output (Colab's `gpu_info = !nvidia-smi`) as Python, not a syntax error", () => {
    // huggingface/community-events fine_tune_whisper_streaming_colab.ipynb, first code cell.
    const nb = ScriptDocument.fromNotebook('/nb.ipynb', [{ id: 'a', kind: 'code', text: [
      'gpu_info = !nvidia-smi',
      "gpu_info = '\\n'.join(gpu_info)",
      'out, err = %timeit -o f()',
      'if x != 1: pass',
    ].join('\n') }]);
    assert.deepEqual(nb.text.split('\n'), ['gpu_info = 0#nvidia-smi', "gpu_info = '\\n'.join(gpu_info)", 'out, err = 0#timeit -o f()', 'if x != 1: pass']);
    assert.deepEqual(codes(lintDocument(nb)).filter((c) => c === 'TL000'), []);
    // `nvidia` in the cell is column 12; the script has the inserted `0` before it.
    assert.deepEqual(nb.toCellPosition({ line: 0, character: 13 }), { cell: nb.cells![0], position: { line: 0, character: 12 } });
  });

  it('a cell that ends inside a triple-quoted string or open brackets does not swallow the cells after it', () => {
    // analyticsvidhya.com "Fine-tuning A Tiny-Llama Model with Unsloth": the page's `#alpaca_prompt = """…` (a lost
    // `# @title`) leaves the template's closing `"""` opening a string to the end of the cell. IPython runs each cell
    // alone: that cell fails, and the TrainingArguments cell after it still runs (and raises on evaluation_strategy=).
    const nb = ScriptDocument.fromNotebook('/nb.ipynb', [
      { id: 'a', kind: 'code', text: '#prompt = """Below is\n### Response:\n"""\nEOS = "x"' },
      { id: 'b', kind: 'code', text: 'from transformers import TrainingArguments\nargs = TrainingArguments(output_dir="o", evaluation_strategy="steps")' },
      { id: 'c', kind: 'code', text: 'f(1,\n  2' },
      { id: 'd', kind: 'code', text: 'x = 1' },
    ]);
    assert.deepEqual(nb.unclosedCells, [
      { at: { line: 2, character: 0 }, what: '`"""` string' },
      { at: { line: 7, character: 1 }, what: '`(`' },
    ]);
    assert.deepEqual(nb.cells?.map((c) => [c.cellId, c.startLine]), [['a', 0], ['b', 5], ['c', 7], ['d', 10]]);
    const diags = lintDocument(nb);
    const tl000 = diags.filter((d) => d.code === 'TL000');
    assert.deepEqual(tl000.map((d) => [d.range.start.line, d.message]), [
      [2, 'Syntax error: `"""` string is never closed in this cell; the cell fails, the cells after it still run'],
      [7, 'Syntax error: `(` is never closed in this cell; the cell fails, the cells after it still run'],
    ]);
    assert.ok(codes(diags).includes('TL504'), codes(diags).join());
  });

  it('arguments in an order Python rejects fail their own cell in a notebook, the whole file in a script', () => {
    const nb = ScriptDocument.fromNotebook('/nb.ipynb', [
      { id: 'a', kind: 'code', text: 'from transformers import Trainer\nt = Trainer(model=m, train_dataset=ds, eval_ds)' },
      { id: 'b', kind: 'code', text: 'x = 1' },
    ]);
    assert.deepEqual(lintDocument(nb).filter((d) => d.code === 'TL000').map((d) => d.message), [
      'Syntax error: positional argument follows keyword argument (this cell fails before any of it runs; the cells after it still run); findings near it may be missing',
    ]);
    const py = ScriptDocument.fromPython('/t.py', 'from transformers import Trainer\nt = Trainer(model=m, train_dataset=ds, eval_ds)\n');
    assert.match(lintDocument(py).find((d) => d.code === 'TL000')!.message, /\(Python rejects the file before anything runs\)/);
  });

  it('a cell whose string goes on after a backslash, or whose brackets close after a closed triple-quoted string, is not open', () => {
    // andysingal/llm-course langchain/basics/L4-QnA.ipynb: `llm.call_as_llm(f"… all your \` then `shirts … each one.")`
    // is one string over two lines; the cell runs. Read as open, it got a closer line and two false syntax errors.
    const nb = ScriptDocument.fromNotebook('/nb.ipynb', [
      { id: 'a', kind: 'code', text: 'response = llm.call_as_llm(f"{qdocs} Question: Please list all your \\\nshirts with sun protection.") ' },
      { id: 'b', kind: 'code', text: 'x = """doc"""\nf(1,\n  2)' },
      { id: 'c', kind: 'code', text: 's = "a \\\r\nb"' },
      { id: 'd', kind: 'code', text: 'display(Markdown(response))' },
    ]);
    assert.deepEqual(nb.unclosedCells, []);
    assert.deepEqual(lintDocument(nb).filter((d) => d.code === 'TL000').map((d) => d.message), []);
    // A bracket left open after a closed triple-quoted string is named as the bracket, not as an `undefined` string.
    const open = ScriptDocument.fromNotebook('/nb.ipynb', [{ id: 'a', kind: 'code', text: 'x = """doc"""\nf(1,' }, { id: 'b', kind: 'code', text: 'y = 2' }]);
    assert.deepEqual(open.unclosedCells, [{ at: { line: 1, character: 1 }, what: '`(`' }]);
  });

  it('reports one syntax error per notebook cell, the first, as Python stops at the first error of the cell it runs', () => {
    // huggingface/notebooks transformers_doc keypoint_detection.ipynb: a code cell holds pasted output
    // (`[{'keypoints': tensor([[ 226,   57], …` with unbalanced brackets).
    const nb = ScriptDocument.fromNotebook('/nb.ipynb', [
      { id: 'a', kind: 'code', text: "out = [{'k': tensor([[1, 2],\n  'scores': tensor([0.1, ..., grad_fn=<X>),\n  'd': 3}" },
      { id: 'c', kind: 'code', text: 'y = 2' },
    ]);
    const tl000 = lintDocument(nb).filter((d) => d.code === 'TL000');
    assert.deepEqual(tl000.map((d) => nb.toCellPosition(d.range.start)?.cell.cellId), ['a']);
    assert.deepEqual(tl000[0].range.start, { line: 0, character: 6 });
  });

  it('reads a line that starts with % or ! inside brackets, a triple-quoted string or after a `\\` as Python, not a magic', () => {
    // GoogleCloudPlatform/generative-ai bigquery_ml_llama_inference.ipynb: `% (bucket_region, REGION)` continues a call.
    const nb = ScriptDocument.fromNotebook('/nb.ipynb', [{ id: 'a', kind: 'code', text: [
      'if bucket_region != REGION:',
      '    raise ValueError(',
      '        "Bucket region %s is different from notebook region %s"',
      '        % (bucket_region, REGION)',
      '    )',
      'doc = """',
      '!not a command',
      '"""',
      'ratio = total \\',
      '    % 7',
      '!echo done',
      'if ratio:',
      '    !echo indented',
    ].join('\n') }]);
    const lines = nb.text.split('\n');
    assert.equal(lines[3], '        % (bucket_region, REGION)');
    assert.equal(lines[6], '!not a command');
    assert.equal(lines[9], '    % 7');
    assert.equal(lines[10], '0#echo done');
    assert.equal(lines[12], '    0#echo indented');
    assert.deepEqual(codes(lintDocument(nb)).filter((c) => c === 'TL000'), []);
  });

  it('reads a code cell VS Code keeps in another language (metadata.vscode.languageId "shellscript") as not Python', () => {
    // huggingface/optimum-tpu examples/language-modeling/gemma_tuning.ipynb: terminal commands in a shellscript cell.
    const json = JSON.stringify({ cells: [
      { cell_type: 'code', metadata: { vscode: { languageId: 'shellscript' } }, source: ['gcloud compute tpus tpu-vm ssh $TPU_NAME \\\n', '    --zone=$ZONE\n', 'pip install trl peft'] },
      { cell_type: 'code', metadata: { vscode: { languageId: 'python' } }, source: ['import os'] },
      { cell_type: 'code', metadata: {}, source: ['x = 1'] },
      // transformers' generated doc notebooks mark their Python code `plaintext`; Colab runs it as Python.
      { cell_type: 'code', metadata: { vscode: { languageId: 'plaintext' } }, source: ['y = 2'] },
    ] });
    const cells = ScriptDocument.parseNotebookJson(json);
    assert.deepEqual(cells.map((c) => c.language), ['shellscript', 'python', undefined, 'plaintext']);
    const nb = ScriptDocument.fromNotebook('/nb.ipynb', cells);
    assert.deepEqual(nb.text.split('\n'), ['#gcloud compute tpus tpu-vm ssh $TPU_NAME \\', '#    --zone=$ZONE', '#pip install trl peft', 'import os', 'x = 1', 'y = 2']);
    assert.deepEqual(codes(lintDocument(nb)).filter((c) => c === 'TL000'), []);
  });

  it('reads a plaintext code cell that does not parse as Python (Markdown typed into a code cell) as text', () => {
    // naman9271/RAG-vs-Fine-Tuning-A-Comparative-Study: each notebook opens with code cells marked plaintext holding Markdown.
    const json = JSON.stringify({ cells: [
      { cell_type: 'code', metadata: { vscode: { languageId: 'plaintext' } }, source: ['# RAG System\n', '\n', 'This notebook implements the system.\n', '- **Step 1**: load'] },
      { cell_type: 'code', metadata: { vscode: { languageId: 'plaintext' } }, source: ['!pip install trl\n', 'import trl'] },
      { cell_type: 'code', metadata: {}, source: ['x = 1'] },
    ] });
    const nb = ScriptDocument.fromNotebook('/nb.ipynb', ScriptDocument.parseNotebookJson(json));
    assert.deepEqual(nb.text.split('\n'), ['## RAG System', '#', '#This notebook implements the system.', '#- **Step 1**: load', '0#pip install trl', 'import trl', 'x = 1']);
    assert.deepEqual(codes(lintDocument(nb)).filter((c) => c === 'TL000'), []);
  });

  it('reads a Databricks notebook cell that starts with %sql (or %sh, %md, %scala, %r, %fs) as not Python', () => {
    // databricks/databricks-ml-examples llm-models/experimental/openllama: `%sql\nUSE dolly_llama;`.
    const json = JSON.stringify({ metadata: { 'application/vnd.databricks.v1+notebook': { language: 'python' } }, cells: [
      { cell_type: 'code', metadata: {}, source: ['%sql\n', 'CREATE DATABASE IF NOT EXISTS dolly_llama;\n', 'USE dolly_llama;'] },
      { cell_type: 'code', metadata: {}, source: ['%python\n', 'x = 1'] },
      { cell_type: 'code', metadata: {}, source: ['%sql SELECT 1'] },
    ] });
    const cells = ScriptDocument.parseNotebookJson(json);
    assert.deepEqual(cells.map((c) => c.language), ['sql', 'python', undefined]);
    const nb = ScriptDocument.fromNotebook('/nb.ipynb', cells);
    assert.deepEqual(codes(lintDocument(nb)).filter((c) => c === 'TL000'), []);
    // Outside Databricks `%sql` is an IPython line magic and the lines after it are Python.
    const jupyter = ScriptDocument.fromNotebook('/nb.ipynb', ScriptDocument.parseNotebookJson(JSON.stringify({ cells: [
      { cell_type: 'code', metadata: {}, source: ['%sql\n', 'USE dolly_llama;'] },
    ] })));
    assert.deepEqual(codes(lintDocument(jupyter)).filter((c) => c === 'TL000'), ['TL000']);
  });

  it('reads the !cmd and %magic lines of a notebook Databricks exports as source (.py) as magics, at their own positions', () => {
    // databrickslabs/dolly train_dolly.py: `!deepspeed {num_gpus_flag} \\` continued over several lines.
    const text = [
      '# Databricks notebook source',
      '# MAGIC %pip install -r requirements.txt',
      '',
      '# COMMAND ----------',
      '',
      'import os',
      'num_gpus = 8',
      '%env TOKENIZERS_PARALLELISM=false',
      '',
      '# COMMAND ----------',
      '',
      '!deepspeed --num_gpus={num_gpus} \\',
      '    --module training.trainer \\',
      '    --epochs 2',
      '',
      'print(os.getcwd())',
      'x = (',
    ].join('\n');
    const d = lintDocument(ScriptDocument.fromPython('/train_dolly.py', text));
    // Only the real error (the unclosed bracket at the end) is reported, where it is.
    assert.deepEqual(d.filter((x) => x.code === 'TL000').map((x) => x.range.start.line), [16]);
    // Without the header the file is a plain script: the shell line does not parse.
    const plain = lintDocument(ScriptDocument.fromPython('/train.py', text.replace('# Databricks notebook source', '# a script')));
    assert.equal(plain.filter((x) => x.code === 'TL000')[0]?.range.start.line, 7);
  });

  it('reads a one-line cell that runs a magic without `%` (IPython automagic: `pip install --upgrade peft`) as a magic', () => {
    // AI4Finance-Foundation/FinGPT FinGPT_Training_LoRA_with_ChatGLM2_6B_for_Beginners_v2-2.ipynb.
    const nb = ScriptDocument.fromNotebook('/nb.ipynb', [
      { id: 'a', kind: 'code', text: 'pip install --upgrade peft==0.4.0\n' },
      { id: 'b', kind: 'code', text: 'cd ..' },
      { id: 'c', kind: 'code', text: 'time = 3' },
      { id: 'd', kind: 'code', text: 'import os\npip install x' },
    ]);
    assert.deepEqual(nb.text.split('\n'), ['#pip install --upgrade peft==0.4.0', '', '#cd ..', 'time = 3', 'import os', 'pip install x']);
    // Automagic applies to one-line cells only: the last cell is a syntax error in IPython too.
    const found = lintDocument(nb).filter((d) => d.code === 'TL000');
    assert.deepEqual(found.map((d) => d.range.start.line), [5]);
    assert.deepEqual(nb.toCellPosition({ line: 0, character: 5 }), { cell: nb.cells![0], position: { line: 0, character: 4 } });
  });

  it("reads IPython's help syntax (`obj?`, `obj??`, `?obj`) as a magic, and a `?` in Python's own text as an error", () => {
    // gonsoomoon-ml/Kor-LLM-On-SageMaker 1-Lab01-Deploy-LLM/3.Deploy-LLM-JS-AI21.ipynb: a cell `ai21.Answer.execute?`.
    const nb = ScriptDocument.fromNotebook('/nb.ipynb', [
      { id: 'a', kind: 'code', text: 'ai21.Answer.execute?' },
      { id: 'b', kind: 'code', text: 'import trl\nif trl:\n    trl.SFTConfig??\n?trl\nx = [1,\n  y?]' },
      { id: 'c', kind: 'code', text: 'print("why?")  # really?' },
    ]);
    assert.deepEqual(nb.text.split('\n'), ['0#i21.Answer.execute?', 'import trl', 'if trl:', '    0#rl.SFTConfig??', '0#trl', 'x = [1,', '  y?]', 'print("why?")  # really?']);
    // Inside brackets the line is not a logical line of its own: Python (and IPython) reject the `?`.
    const found = lintDocument(nb).filter((d) => d.code === 'TL000');
    assert.deepEqual(found.map((d) => d.range.start.line), [6]);
  });

  it('keeps a block that holds only magics valid Python, and comments out the lines a `\\` continues', () => {
    const nb = ScriptDocument.fromNotebook('/nb.ipynb', [{ id: 'a', kind: 'code', text: [
      'if "COLAB_" in env:',
      '    !pip install unsloth vllm',
      'else:',
      '    !uv pip install -qqq \\',
      '        "torch>=2.8.0" {_numpy} \\',
      '        trl',
      'x = 1',
    ].join('\n') }]);
    assert.deepEqual(nb.text.split('\n'), [
      'if "COLAB_" in env:',
      '    0#pip install unsloth vllm',
      'else:',
      '    0#uv pip install -qqq \\',
      '#        "torch>=2.8.0" {_numpy} \\',
      '#        trl',
      'x = 1',
    ]);
    assert.deepEqual(nb.toCellPosition({ line: 4, character: 9 }), { cell: nb.cells![0], position: { line: 4, character: 8 } });
  });

  it('maps positions on magic lines back without the added #, and cell positions into the script', () => {
    // `trl` in the pip line: script column 15 is cell column 14.
    assert.deepEqual(doc.toCellPosition({ line: 0, character: 15 }), { cell: doc.cells![0], position: { line: 0, character: 14 } });
    assert.deepEqual(doc.toCellPosition({ line: 0, character: 1 }), { cell: doc.cells![0], position: { line: 0, character: 1 } });
    assert.deepEqual(doc.toCellPosition({ line: 3, character: 4 }), { cell: doc.cells![1], position: { line: 1, character: 4 } });
    assert.deepEqual(doc.fromCellPosition('a', { line: 0, character: 14 }), { line: 0, character: 15 });
    assert.deepEqual(doc.fromCellPosition('b', { line: 1, character: 4 }), { line: 3, character: 4 });
    assert.equal(doc.fromCellPosition('md', { line: 0, character: 0 }), undefined, 'markdown cells are not in the script');
    assert.equal(doc.fromCellPosition('b', { line: 2, character: 0 }), undefined, 'past the cell');
  });

  it('fix-all edits the cells fixes fall in and leaves a fix spanning two cells alone', () => {
    const cells = [
      { id: 'a', kind: 'code' as const, text: '!pip install x\nA = 1' },
      { id: 'b', kind: 'code' as const, text: 'B = 2' },
    ];
    // A stand-in rule: `A = 1` → `A = 10` (inside cell a), and one fix spanning both cells.
    const lintDoc = (doc: ScriptDocument): Diagnostic[] => {
      const fixes = [];
      const line = doc.text.split('\n').indexOf('A = 1');
      if (line >= 0) fixes.push({ title: 'ten', applicability: 'safe' as const, edits: [{ range: { start: { line, character: 4 }, end: { line, character: 5 } }, newText: '10' }] });
      fixes.push({ title: 'span', applicability: 'safe' as const, edits: [{ range: { start: { line: 1, character: 0 }, end: { line: 2, character: 1 } }, newText: '' }] });
      return fixes.map((f, i) => ({ code: `TL00${i}`, name: 'x', severity: 'error', message: '', range: f.edits[0].range, related: [], tags: [], fixes: [f], docsUrl: '' }));
    };
    const result = fixAllNotebook('/nb.ipynb', cells, lintDoc, false);
    assert.deepEqual(result.cells.map((c) => c.text), ['!pip install x\nA = 10', 'B = 2']);
    assert.equal(result.applied, 1);
  });

  it('writes new cell texts into the notebook JSON, keeping its layout and the form of each source', () => {
    const json = '{\n "cells": [\n  {\n   "cell_type": "code",\n   "source": ["x = 1\\n", "y = 2"]\n  },\n  {\n   "cell_type": "code",\n   "source": "z = 3"\n  }\n ],\n "nbformat": 4\n}\n';
    const out = ScriptDocument.updateNotebookJson(json, new Map([[0, 'x = 1\ny = 20\n'], [1, 'z = 30']]));
    const nb = JSON.parse(out);
    assert.deepEqual(nb.cells[0].source, ['x = 1\n', 'y = 20\n']);
    assert.equal(nb.cells[1].source, 'z = 30');
    // edited inside the original text: every other byte, and the array's own layout, kept
    assert.equal(out, json.replace('"y = 2"', '"y = 20\\n"').replace('"z = 3"', '"z = 30"'));
  });
});
