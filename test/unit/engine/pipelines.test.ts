/**
 * A script linted one pipeline at a time (as editors lint, `lint/pipelines.ts`) gets exactly the
 * findings of a lint of the whole script: over every rule fixture and example, and for the shapes the
 * split must not cut (names read in function bodies and f-strings, `global`, definitions, `for`/`with`
 * targets). What the split cannot follow lints the whole script.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint, ParsedScript, ScriptDocument } from '../../../server/src/engine/index';
import { buildFacts } from '../../../server/src/engine/facts/build';
import { trainerCalls } from '../../../server/src/engine/domain/trainers';
import { internName, nameGeneration, spelledNames, statementNames } from '../../../server/src/engine/facts/statement-names';
import { PipelineCache, splitPipelines } from '../../../server/src/engine/lint/pipelines';
import { forgetReports, recordFinding } from '../../../server/src/engine/report/findings';
import { DataSourceCache } from '../../../server/src/engine/data/cache';
import { CachedDataProvider } from '../../../server/src/engine/dataset/cached-provider';
import { ready } from '../helpers';
import { cleanup, makeTmp } from '../data/fixtures';

const ROOT = join(__dirname, '..', '..', '..');

function pythonFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...pythonFiles(p));
    else if (name.endsWith('.py')) out.push(p);
  }
  return out;
}

/** The pipelines' sizes (statements each) of `text`, or undefined when it is linted whole. */
function pipelinesOf(text: string): number | undefined {
  const script = ParsedScript.parse(text, { edited: true });
  try { const facts = buildFacts(script.syntax); return splitPipelines(facts, trainerCalls(facts))?.pipelines.length; } finally { script.dispose(); }
}

function twice(path: string, text: string) {
  const script = ParsedScript.parse(text, { edited: true });
  try {
    const doc = ScriptDocument.fromPython(path, text);
    const cache = new PipelineCache();
    const first = lint({ doc, script, pipelines: cache });
    const firstStats = cache.stats;
    const second = lint({ doc, script, pipelines: cache });
    return { first, second, firstStats, secondStats: cache.stats, plain: lint({ doc, script }) };
  } finally { script.dispose(); }
}

/** A script of SFT pipelines, one per `ids` entry, each reading its own JSON Lines file (`file(i)`). */
function jsonPipelines(ids: number[], file: (i: number) => string): string {
  const pipeline = (i: number) => [
    `ds_${i} = load_dataset("json", data_files="${file(i)}", split="train")`,
    `config_${i} = SFTConfig(output_dir="out_${i}", dataset_text_field="text")`,
    `trainer_${i} = SFTTrainer(model="m", train_dataset=ds_${i}, args=config_${i})`,
  ].join('\n');
  return `from datasets import load_dataset\nfrom trl import SFTTrainer, SFTConfig\n${ids.map(pipeline).join('\n')}\n`;
}

describe('linting one pipeline at a time', () => {
  before(ready);

  it('gives the same findings with and without an editor cache, and a second lint reuses every pipeline', function () {
    this.timeout(300_000);
    const files = [...pythonFiles(join(ROOT, 'test', 'fixtures', 'rules')), ...pythonFiles(join(ROOT, 'examples'))];
    let split = 0;
    for (const file of files) {
      const r = twice(file, readFileSync(file, 'utf8'));
      assert.deepEqual(r.first.diagnostics, r.plain.diagnostics, file);
      assert.deepEqual(r.second.diagnostics, r.plain.diagnostics, file);
      if (r.firstStats.linted > 1) {
        split++;
        assert.deepEqual(r.secondStats, { linted: 0, reused: r.firstStats.linted }, file);
      }
    }
    // The comparison means something only if some of them were split.
    assert.ok(split >= 3, `only ${split} of ${files.length} files were split`);
  });

  it('finds in views what a whole-script lint finds, on every rule fixture and example, split from one pipeline on', function () {
    // A rule that reads outside its view (a scan by position, a text heuristic over the whole script) shows here:
    // split from a single pipeline, a fixture's helpers are linted apart from its trainer.
    this.timeout(300_000);
    const files = [...pythonFiles(join(ROOT, 'test', 'fixtures', 'rules')), ...pythonFiles(join(ROOT, 'examples'))];
    let views = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const script = ParsedScript.parse(text, { edited: true });
      try {
        const doc = ScriptDocument.fromPython(file, text);
        const whole = lint({ doc, script, split: { minPipelines: Infinity } });
        const cache = new PipelineCache();
        const split = lint({ doc, script, split: { minPipelines: 1 }, pipelines: cache });
        assert.deepEqual(split.diagnostics, whole.diagnostics, file);
        if (cache.stats.linted > 1) views++;
      } finally { script.dispose(); }
    }
    assert.ok(views >= 5, `only ${views} fixtures were linted as several views`);
  });

  it("judges each pipeline by its own chat template, not another pipeline's set in between", () => {
    const text = [
      'from unsloth import FastLanguageModel',
      'from unsloth.chat_templates import get_chat_template, train_on_responses_only',
      'from trl import SFTTrainer',
      'model_a, tok_a = FastLanguageModel.from_pretrained("unsloth/Llama-3.2-1B-Instruct")',
      'model_b, tok_b = FastLanguageModel.from_pretrained("unsloth/gemma-3-1b-it")',
      'tok_a = get_chat_template(tok_a, chat_template="llama-3.1")',
      'tok_b = get_chat_template(tok_b, chat_template="gemma-3")',
      'trainer_a = SFTTrainer(model=model_a, tokenizer=tok_a, train_dataset=ds_a)',
      'trainer_a = train_on_responses_only(trainer_a, instruction_part="<|start_header_id|>user<|end_header_id|>\\n\\n", response_part="<|start_header_id|>assistant<|end_header_id|>\\n\\n")',
      'trainer_b = SFTTrainer(model=model_b, tokenizer=tok_b, train_dataset=ds_b)',
      'trainer_b = train_on_responses_only(trainer_b, instruction_part="<|start_header_id|>user<|end_header_id|>\\n\\n", response_part="<|start_header_id|>assistant<|end_header_id|>\\n\\n")',
      '',
    ].join('\n');
    const r = twice('/tmp/trainlint-test/two.py', text);
    // Llama markers on the Llama pipeline are right; on the Gemma pipeline they never occur.
    assert.deepEqual(r.plain.diagnostics.filter((d) => d.code === 'TL101').map((d) => d.range.start.line), [10, 10]);
  });

  it('forgets kept findings when a pinned version changes in a comment, a finding goes with its statement, and a moved one is where it now is', () => {
    const pipeline = (i: number) => [
      `token_${i} = "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${i}"`,
      `config_${i} = SFTConfig(output_dir="out_${i}", hub_token=token_${i})`,
      `trainer_${i} = SFTTrainer(model="m", train_dataset=ds_${i}, dataset_text_field="text", args=config_${i})`,
    ].join('\n');
    // The pin sits among helpers, far from the imports and the pipelines: editors cut ~100-line sections, so
    // editing it re-parses neither the shared statements' section nor the pipelines'.
    const helpers = (from: number) => Array.from({ length: 60 }, (_, k) => `def helper_${from + k}(x):\n    return x + ${k}\n`).join('\n');
    const text = `from trl import SFTTrainer, SFTConfig\n${helpers(0)}\n# pip install trl==0.19.1\n${helpers(100)}\n${pipeline(1)}\n${helpers(200)}\n${pipeline(2)}\n`;
    const script = ParsedScript.parse(text, { edited: true });
    const cache = new PipelineCache();
    const lintNow = () => lint({ doc: ScriptDocument.fromPython('/tmp/trainlint-test/pins.py', script.text), script, pipelines: cache });
    const fresh = () => {
      const p = ParsedScript.parse(script.text);
      try { return lint({ doc: ScriptDocument.fromPython('/tmp/trainlint-test/pins.py', p.text), script: p }).diagnostics; } finally { p.dispose(); }
    };
    try {
      const before = lintNow().diagnostics;
      assert.ok(before.some((d) => d.code === 'TL502' && d.severity === 'error'), 'TRL 0.19 rejects dataset_text_field on the trainer');
      // 0.19.1 → 0.11.4 in the comment: no statement changed, the finding must go.
      const at = script.text.indexOf('0.19.1');
      script.update([{ range: { start: script.source.positionAt(at), end: script.source.positionAt(at + 6) }, text: '0.11.4' }]);
      const after = lintNow().diagnostics;
      assert.deepEqual(after, fresh());
      assert.ok(!after.some((d) => d.code === 'TL502' && d.severity === 'error'));
      // Every view walks every string for tokens; the one in pipeline 2 is pipeline 2's to report, and goes with it.
      assert.equal(after.filter((d) => d.code === 'TL901').length, 2);
      const token = script.text.indexOf('"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2"');
      script.update([{ range: { start: script.source.positionAt(token), end: script.source.positionAt(token + 39) }, text: 'os.environ["HF_TOKEN"]' }]);
      const noToken = lintNow().diagnostics;
      assert.deepEqual(noToken, fresh());
      assert.equal(noToken.filter((d) => d.code === 'TL901').length, 1);
      // A line added above moves every pipeline: kept findings are not reused at their old lines.
      script.update([{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '\n' }]);
      assert.deepEqual(lintNow().diagnostics, fresh());
    } finally { script.dispose(); }
  });

  it('re-lints only the pipeline edited next to the shared imports, and every pipeline when a shared statement changes', () => {
    const pipeline = (i: number) => [
      `config_${i} = SFTConfig(output_dir="out_${i}", fp16=True, bf16=True)`,
      `trainer_${i} = SFTTrainer(model="m", train_dataset=ds_${i}, args=config_${i})`,
    ].join('\n');
    const helpers = Array.from({ length: 60 }, (_, k) => `def helper_${k}(x):\n    return x + ${k}\n`).join('\n');
    // The imports (shared by every view) and pipeline 1 are in the same section; pipeline 2 is ~180 lines below.
    const text = `from trl import SFTTrainer, SFTConfig\n${pipeline(1)}\n${helpers}\n${pipeline(2)}\n`;
    const script = ParsedScript.parse(text, { edited: true });
    const cache = new PipelineCache();
    const lintNow = () => lint({ doc: ScriptDocument.fromPython('/tmp/trainlint-test/shared.py', script.text), script, pipelines: cache }).diagnostics;
    const fresh = () => {
      const p = ParsedScript.parse(script.text);
      try { return lint({ doc: ScriptDocument.fromPython('/tmp/trainlint-test/shared.py', p.text), script: p }).diagnostics; } finally { p.dispose(); }
    };
    const replace = (what: string, by: string) => {
      const at = script.text.indexOf(what);
      script.update([{ range: { start: script.source.positionAt(at), end: script.source.positionAt(at + what.length) }, text: by }]);
    };
    try {
      assert.equal(lintNow().filter((d) => d.code === 'TL304').length, 2);
      // Pipeline 1 fixed: its section (holding the imports) is parsed again, the imports did not change.
      replace('out_1", fp16=True, ', 'out_1", ');
      const after = lintNow();
      // linted: pipeline 1; kept: pipeline 2 and the helpers (parsed again with pipeline 1, but unchanged)
      assert.deepEqual(cache.stats, { linted: 1, reused: 3 });
      assert.deepEqual(after, fresh());
      assert.equal(after.filter((d) => d.code === 'TL304').length, 1);
      // A shared statement changed: every pipeline is linted again.
      replace('from trl import SFTTrainer, SFTConfig', 'from trl import SFTConfig, SFTTrainer');
      const reordered = lintNow();
      assert.equal(cache.stats.reused, 0, JSON.stringify(cache.stats));
      assert.deepEqual(reordered, fresh());
    } finally { script.dispose(); }
  });

  it("keeps a pipeline's findings when data is read for another pipeline, and re-lints the one whose file changed", async () => {
    const dir = makeTmp();
    try {
      const text = jsonPipelines([1, 2], (i) => `data_${i}.jsonl`);
      const path = join(dir, 'train.py');
      writeFileSync(path, text);
      writeFileSync(join(dir, 'data_1.jsonl'), '{"text": "a"}\n');
      writeFileSync(join(dir, 'data_2.jsonl'), '{"text": "b"}\n');
      const data = new DataSourceCache({ access: { workspaceRoots: [dir], hfCacheRoots: [], trusted: true } });
      const script = ParsedScript.parse(text, { edited: true });
      const cache = new PipelineCache();
      const doc = ScriptDocument.fromPython(path, text);
      const lintNow = () => { const provider = new CachedDataProvider(data, path, dir); return { provider, result: lint({ doc, script, data: provider, pipelines: cache }) }; };
      const fresh = () => lint({ doc, script, data: new CachedDataProvider(data, path, dir) }).diagnostics;
      const readAll = (provider: CachedDataProvider) => Promise.all(provider.wanted.map((s) => data.get(s)));
      try {
        // Before any read each pipeline sees "not read yet"; the reads change both pipelines' answers.
        const first = lintNow();
        assert.equal(cache.stats.linted, 2);
        await readAll(first.provider);
        lintNow();
        assert.deepEqual(cache.stats, { linted: 2, reused: 0 });
        // Reading both files again finds the same data: nothing is linted again.
        const generation = data.generation;
        const again = lintNow();
        await readAll(again.provider);
        assert.equal(data.generation, generation, 'an unchanged file is not a change');
        const kept = lintNow().result.diagnostics;
        assert.deepEqual(cache.stats, { linted: 0, reused: 2 });
        assert.ok(!kept.some((d) => d.code === 'TL106'));
        // The second file loses its `text` column: only the second pipeline is linted again, and it now says so.
        writeFileSync(join(dir, 'data_2.jsonl'), '{"content": "no text column here"}\n');
        await readAll(lintNow().provider);
        const after = lintNow().result.diagnostics;
        assert.deepEqual(cache.stats, { linted: 1, reused: 1 });
        assert.deepEqual(after, fresh());
        const tl106 = after.filter((d) => d.code === 'TL106');
        assert.equal(tl106.length, 1, JSON.stringify(after.map((d) => d.code)));
        assert.equal(tl106[0].range.start.line, 6, "the second pipeline's config");
      } finally { script.dispose(); }
    } finally { cleanup(dir); }
  });

  it('keeps every pipeline when its data files turn out to be absent: the first edit after opening re-lints only what it touched', async () => {
    const dir = makeTmp();
    try {
      const text = `${jsonPipelines([1, 2, 3], (i) => `data/run_${i}.jsonl`)}# end\n`;
      const path = join(dir, 'train.py');
      writeFileSync(path, text); // no data folder: every file is absent
      const data = new DataSourceCache({ access: { workspaceRoots: [dir], hfCacheRoots: [], trusted: true } });
      const script = ParsedScript.parse(text, { edited: true });
      const cache = new PipelineCache();
      const lintNow = () => {
        const provider = new CachedDataProvider(data, path, dir);
        return { provider, result: lint({ doc: ScriptDocument.fromPython(path, script.text), script, data: provider, pipelines: cache }) };
      };
      try {
        const opened = lintNow();
        assert.equal(cache.stats.linted, 3);
        assert.ok(opened.provider.missed);
        await Promise.all(opened.provider.wanted.map((s) => data.get(s)));
        assert.ok(opened.provider.wanted.every((s) => data.peek(s)?.ok === false), 'the reads found no file');
        // The editor's first keystroke, at the end of the script: the absent files changed no pipeline's findings.
        const lines = text.split('\n');
        const end = { line: lines.length - 2, character: lines[lines.length - 2].length };
        script.update([{ range: { start: end, end }, text: 'x' }]);
        const edited = lintNow();
        assert.deepEqual(cache.stats, { linted: 0, reused: 3 });
        assert.ok(!edited.provider.missed, 'nothing left to read');
        assert.deepEqual(edited.result.diagnostics, lint({ doc: ScriptDocument.fromPython(path, script.text), script, data: new CachedDataProvider(data, path, dir) }).diagnostics);
        // A file that appears is new data: its pipeline is linted again.
        mkdirSync(join(dir, 'data'));
        writeFileSync(join(dir, 'data', 'run_2.jsonl'), '{"content": "no text column"}\n');
        await Promise.all(edited.provider.wanted.map((s) => data.get(s)));
        const withFile = lintNow().result.diagnostics;
        assert.deepEqual(cache.stats, { linted: 1, reused: 2 });
        assert.equal(withFile.filter((d) => d.code === 'TL106').length, 1);
      } finally { script.dispose(); }
    } finally { cleanup(dir); }
  });

  it("reports a dataset report's finding on the trainer it was made for, counted over the whole script (TL111)", () => {
    const path = '/tmp/trainlint-test/reported.py';
    const text = [
      'from trl import SFTTrainer',
      'first = SFTTrainer(model="m", train_dataset=rows_a)',
      'second = SFTTrainer(model="m", train_dataset=rows_b)',
      '',
    ].join('\n');
    recordFinding(path, text, { trainer: 1, rows: 100, lostAll: 3, lostEos: 0, lostAllRows: [1, 2, 3], lostEosRows: [], at: '2026-01-01T00:00:00.000Z' });
    try {
      const script = ParsedScript.parse(text, { edited: true });
      try {
        const cache = new PipelineCache();
        const r = lint({ doc: ScriptDocument.fromPython(path, text), script, pipelines: cache });
        assert.ok(cache.stats.linted >= 2, 'linted as two pipelines');
        assert.deepEqual(r.diagnostics.filter((d) => d.code === 'TL111').map((d) => d.range.start.line), [2]);
      } finally { script.dispose(); }
    } finally { forgetReports(path); }
  });

  it('keeps statements that share a module-level name together', () => {
    const text = [
      'from trl import SFTTrainer',
      'import os',
      'os.environ["WANDB_DISABLED"] = "true"',
      'tok = load()',
      'def fmt(ex):',
      '    return {"text": f"{ex[\'q\']}{tok.eos_token}"}',
      'data = ds.map(fmt)',
      'trainer = SFTTrainer(model="m", train_dataset=data)',
      'other = SFTTrainer(model="m", train_dataset=rows)',
      'print(other)',
    ].join('\n');
    // `tok` (read in an f-string inside `fmt`), `fmt`, `data` and `trainer` are one pipeline; `other` another.
    assert.equal(pipelinesOf(text), 2);
    // One trainer: nothing to split.
    assert.equal(pipelinesOf(text.replace('other = SFTTrainer(model="m", train_dataset=rows)', 'other = 1')), undefined);
    // `rows` read by both trainers links them into one pipeline.
    assert.equal(pipelinesOf(text.replace('data = ds.map(fmt)', 'data = rows.map(fmt)')), undefined);
  });

  it('lexes bindings: targets, definitions, for/with/walrus targets and globals, not locals or imports', () => {
    const text = [
      'import numpy as np',
      'from trl import SFTTrainer as T',
      'a, b = 1, 2',
      'c: int = 3',
      'for i in range(3): pass',
      'with open("f") as fh: pass',
      'if (w := 4): pass',
      'def f(x, y=2):',
      '    local = x',
      '    global g',
      '    g = 1',
      '    def inner(): pass',
      'class K:',
      '    attr = 1',
      'async def h(): pass',
      'call(keyword=1).method = 5',
    ].join('\n');
    const statements: Array<{ start: number; end: number }> = [];
    let at = 0;
    // one statement per top-level line (the indented lines belong to the statement above)
    for (const line of text.split('\n')) {
      if (!/^\s/.test(line)) statements.push({ start: at, end: at + line.length });
      else statements[statements.length - 1].end = at + line.length;
      at += line.length + 1;
    }
    const fStart = text.indexOf('def f('), fEnd = text.indexOf('class K');
    const inner = text.indexOf('def inner');
    const hStart = text.indexOf('async def h');
    const scopes = [{ start: fStart, end: fEnd - 1 }, { start: inner, end: inner + 'def inner(): pass'.length }, { start: hStart, end: hStart + 'async def h(): pass'.length }];
    const r = spelledNames(statementNames(text, 0, statements, scopes));
    // (`int` stands left of an `=`: counted as bound, which can only join pipelines; `call(…).method = 5` binds nothing)
    assert.deepEqual([...r.bound].sort(), ['K', 'a', 'attr', 'b', 'c', 'f', 'fh', 'g', 'h', 'i', 'int', 'w'].sort());
    assert.equal(r.dynamic, false);
    // keyword-argument names and attribute names are not names the statement reads
    assert.deepEqual(r.names[statements.length - 1].sort(), ['call']);
  });

  it('splits the same after the table of names was dropped (names interned again from the old table)', () => {
    const text = 'from trl import SFTTrainer\nfrom datasets import load_dataset\nrows_a = load_dataset("a")\na = SFTTrainer(model="m", train_dataset=rows_a)\nrows_b = load_dataset("b")\nb = SFTTrainer(model="m", train_dataset=rows_b)\n';
    const script = ParsedScript.parse(text, { edited: true });
    try {
      const facts = buildFacts(script.syntax);
      const before = splitPipelines(facts, trainerCalls(facts));
      assert.equal(before?.pipelines.length, 2);
      // Typing makes a name per keystroke: past the table's limit it is dropped and ids start again.
      const generation = nameGeneration;
      for (let i = 0; nameGeneration === generation; i++) internName(`typed_${generation}_${i}`);
      const after = splitPipelines(facts, trainerCalls(facts));
      assert.deepEqual(after?.pipelines, before?.pipelines);
      assert.deepEqual([0, 1, 2, 3, 4, 5].map((s) => after?.viewOf(0, s)), [-1, -1, 0, 0, 1, 1]);
    } finally { script.dispose(); }
  });

  it('lints the whole script when names are read at run time (globals(), exec, star imports)', () => {
    const pipelines = (extra: string) => pipelinesOf(`from trl import SFTTrainer\na = SFTTrainer(model="m")\nb = SFTTrainer(model="m")\n${extra}\n`);
    assert.equal(pipelines(''), 2);
    assert.equal(pipelines('x = globals()["a"]'), undefined);
    assert.equal(pipelines('exec("print(a)")'), undefined);
    assert.equal(pipelines('from trl import *'), undefined);
  });
});
