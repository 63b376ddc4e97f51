/**
 * An editor's diagnostics after any sequence of edits are exactly those of a fresh lint of the final
 * text. Editors keep the script in sections (an edit re-parses one, the facts of the others are kept)
 * and rules keep caches across lints; none of that may show in the diagnostics. The edits are the
 * ones that change what rules see in a script of many pipelines: a trainer's config, a dataset map,
 * imports, suppression comments, statements commented out, code typed a keystroke at a time (broken
 * and repaired on the way). Fixed seed: a failure repeats.
 */
import assert from 'node:assert/strict';
import { lint, ParsedScript, ScriptDocument, type Diagnostic } from '../../../server/src/engine/index';
import type { TextChange } from '../../../server/src/engine/syntax/parsed-script';
import { ready } from '../helpers';
import { PipelineCache } from '../../../server/src/engine/lint/pipelines';

const PATH = '/tmp/trainlint-test/pipelines.py';

const HEADER = `from datasets import Dataset, load_dataset
from trl import SFTTrainer, SFTConfig
from transformers import AutoModelForCausalLM, AutoTokenizer, DataCollatorForSeq2Seq
`;

/** One pipeline; `i` varies what it gets wrong so that different rules fire in different pipelines. */
function pipeline(i: number): string {
  const eos = i % 3 === 0 ? '' : ` + tokenizer_${i}.eos_token`;
  const collator = i % 4 === 1 ? `\n    data_collator=DataCollatorForSeq2Seq(tokenizer=tokenizer_${i}),` : '';
  return `

# ---- run ${i} ----
tokenizer_${i} = AutoTokenizer.from_pretrained("Qwen/Qwen2.5-0.5B-Instruct")
model_${i} = AutoModelForCausalLM.from_pretrained("Qwen/Qwen2.5-0.5B-Instruct")
ds_${i} = Dataset.from_dict({"question": ["q1", "q2"], "answer": ["a1", "a2"]})


def fmt_${i}(example):
    return {"text": f"### Question:\\n{example['question']}\\n### Answer:\\n{example['answer']}"${eos}}


ds_${i} = ds_${i}.map(fmt_${i}, remove_columns=["question", "answer"])
config_${i} = SFTConfig(
    output_dir="out/run_${i}",
    per_device_train_batch_size=4,
    max_length=${i % 2 ? 2048 : 512},
    dataset_text_field="text",
)
trainer_${i} = SFTTrainer(
    model=model_${i},
    processing_class=tokenizer_${i},
    train_dataset=ds_${i},${collator}
    args=config_${i},
)
trainer_${i}.train()


def report_${i}(metrics):
    loss = metrics.get("eval_loss", float("nan"))
    lines = [f"run ${i}: eval loss {loss:.4f}"]
    return "\\n".join(lines)
`;
}

/** A deterministic pseudo-random sequence (the test must fail the same way twice). */
function rng(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
}

type Random = () => number;
const pick = <T>(random: Random, xs: T[]): T => xs[Math.floor(random() * xs.length)];

/** Where `re` matches in `text` (offsets of each match). */
function matches(text: string, re: RegExp): Array<{ index: number; text: string }> {
  return [...text.matchAll(new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`))].map((m) => ({ index: m.index!, text: m[0] }));
}

/** One replacement of a span of `text`: what an edit does, before it is cut into keystrokes. */
interface Replace { start: number; end: number; insert: string; what: string }

/** Edits that change what the rules see. Each returns undefined when the text has nothing to apply it to. */
const EDITS: Array<(text: string, random: Random) => Replace | undefined> = [
  // a trainer's config: a renamed or added argument, a changed value
  (text, random) => {
    const m = pick(random, matches(text, /max_length=\d+|max_seq_length=\d+|per_device_train_batch_size=\d+/));
    if (!m) return undefined;
    const next = m.text.startsWith('per_device') ? `per_device_train_batch_size=${1 + Math.floor(random() * 8)}, packing=True`
      : m.text.startsWith('max_length') ? m.text.replace('max_length', 'max_seq_length') : m.text.replace('max_seq_length', 'max_length');
    return { start: m.index, end: m.index + m.text.length, insert: next, what: `config ${m.text} → ${next}` };
  },
  // a dataset map: the EOS token appended or dropped, the text column renamed
  (text, random) => {
    const m = pick(random, matches(text, / \+ tokenizer_\d+\.eos_token|\{"text": |\{"texts": /));
    if (!m) return undefined;
    const next = m.text.startsWith(' +') ? '' : m.text === '{"text": ' ? '{"texts": ' : '{"text": ';
    return { start: m.index, end: m.index + m.text.length, insert: next, what: `map ${m.text} → ${next}` };
  },
  (text, random) => {
    const m = pick(random, matches(text, /"\}\n/));
    if (!m || random() < 0.5) return undefined;
    const n = /tokenizer_(\d+)/.exec(text.slice(0, m.index).split('# ---- run ').pop() ?? '')?.[1];
    return n === undefined ? undefined : { start: m.index + 1, end: m.index + 1, insert: ` + tokenizer_${n}.eos_token`, what: 'map: EOS appended' };
  },
  // imports: Unsloth imported (after transformers: TL601), removed again; a collator import dropped
  (text) => {
    const line = 'from unsloth import FastLanguageModel\n';
    const at = text.indexOf(line);
    if (at >= 0) return { start: at, end: at + line.length, insert: '', what: 'unsloth import removed' };
    const after = text.indexOf('\n', text.indexOf('from transformers import')) + 1;
    return { start: after, end: after, insert: line, what: 'unsloth import added' };
  },
  (text) => {
    const at = text.indexOf(', DataCollatorForSeq2Seq\n');
    if (at >= 0) return { start: at, end: at + ', DataCollatorForSeq2Seq'.length, insert: '', what: 'collator import removed' };
    const end = text.indexOf('\n', text.indexOf('from transformers import'));
    return end < 0 ? undefined : { start: end, end, insert: ', DataCollatorForSeq2Seq', what: 'collator import added' };
  },
  // suppressions: one that applies, one for a code that never fires there (TL903), removed again
  (text, random) => {
    const existing = pick(random, matches(text, / {2}# (trainlint: disable=TL\d+|noqa: TL\d+)/));
    if (existing && random() < 0.5) return { start: existing.index, end: existing.index + existing.text.length, insert: '', what: `suppression removed (${existing.text})` };
    const line = pick(random, matches(text, /^(trainer_\d+ = SFTTrainer\(|    return \{"texts?": .*|    max_(seq_)?length=\d+,)$/m));
    if (!line) return undefined;
    const end = line.index + line.text.length;
    const comment = pick(random, ['  # trainlint: disable=TL104', '  # noqa: TL305', '  # trainlint: disable=TL001', '  # noqa: TL999', '  # trainlint: disable=TL503']);
    return { start: end, end, insert: comment, what: `suppression ${comment.trim()}` };
  },
  // a statement commented out or back in
  (text, random) => {
    const m = pick(random, matches(text, /^#?(ds_\d+ = ds_\d+\.map\(|trainer_\d+\.train\(\)|tokenizer_\d+ = |    args=config_\d+,)/m));
    if (!m) return undefined;
    return m.text.startsWith('#') ? { start: m.index, end: m.index + 1, insert: '', what: `uncommented ${m.text}` } : { start: m.index, end: m.index, insert: '#', what: `commented ${m.text}` };
  },
  // a new pipeline pasted, or one deleted
  (text, random) => {
    const starts = matches(text, /\n\n# ---- run \d+ ----\n/);
    if (starts.length > 3 && random() < 0.5) {
      const k = Math.floor(random() * (starts.length - 1));
      return { start: starts[k].index, end: starts[k + 1].index, insert: '', what: `pipeline ${k} deleted` };
    }
    const at = pick(random, starts)?.index ?? text.length;
    const i = 100 + Math.floor(random() * 900);
    return { start: at, end: at, insert: pipeline(i), what: `pipeline ${i} pasted` };
  },
];

/** `r` as editor changes: one change, or (typed) one per character, each breaking and repairing the syntax on the way. */
function changesOf(source: ParsedScript, r: Replace, typed: boolean): TextChange[][] {
  const pos = (o: number) => source.source.positionAt(o);
  if (!typed || r.insert.length === 0 || r.insert.length > 80) {
    return [[{ range: { start: pos(r.start), end: pos(r.end) }, text: r.insert }]];
  }
  // delete the span, then type the insertion one character at a time
  const out: TextChange[][] = [];
  if (r.end > r.start) out.push([{ range: { start: pos(r.start), end: pos(r.end) }, text: '' }]);
  let text = source.text.slice(0, r.start) + source.text.slice(r.end);
  for (let k = 0; k < r.insert.length; k++) {
    const at = r.start + k;
    const before = text.slice(0, at);
    const line = before.split('\n').length - 1;
    const character = at - (before.lastIndexOf('\n') + 1);
    out.push([{ range: { start: { line, character }, end: { line, character } }, text: r.insert[k] }]);
    text = before + r.insert[k] + text.slice(at);
  }
  return out;
}

const lintOf = (script: ParsedScript, pipelines?: PipelineCache) => lint({ doc: ScriptDocument.fromPython(PATH, script.text), script, pipelines });

/** A fresh lint of `text` as the CLI does it (one tree); with syntax errors, cut where the editor's sections are. */
function freshLint(text: string, cuts: number[]): { diagnostics: Diagnostic[]; sectioned: boolean } {
  let fresh = ParsedScript.parse(text);
  const sectioned = fresh.hasSyntaxErrors;
  if (sectioned) { fresh.dispose(); fresh = ParsedScript.parse(text, { sections: cuts }); }
  try {
    const r = lintOf(fresh);
    assert.deepEqual(r.errors, []);
    return { diagnostics: r.diagnostics, sectioned };
  } finally { fresh.dispose(); }
}

describe('diagnostics after a sequence of edits', () => {
  before(ready);

  it('equal a fresh lint of the final text after every edit of a script of many pipelines', function () {
    this.timeout(600_000);
    const random = rng(13);
    let text = HEADER;
    for (let i = 0; i < 12; i++) text += pipeline(i);
    const script = ParsedScript.parse(text, { edited: true });
    // As an editor lints: one pipeline at a time, keeping the findings of pipelines an edit did not touch.
    const cache = new PipelineCache();
    let reused = 0;
    const seen = new Set<string>();
    let checked = 0;
    let keystrokes = 0;
    try {
      lintOf(script, cache);
      for (let step = 0; step < 90; step++) {
        const r = pick(random, EDITS)(script.text, random);
        if (!r) continue;
        const typed = random() < 0.3;
        for (const changes of changesOf(script, r, typed)) {
          script.update(changes);
          keystrokes++;
          // An editor lints (most) keystrokes: caches fill with states in between.
          if (random() < 0.5) lintOf(script, cache);
        }
        const edited = lintOf(script, cache);
        reused += cache.stats.reused;
        assert.deepEqual(edited.errors, []);
        const fresh = freshLint(script.text, script.syntax.cuts);
        assert.deepEqual(edited.diagnostics, fresh.diagnostics, `step ${step}: ${r.what}${typed ? ' (typed)' : ''}`);
        for (const d of edited.diagnostics) seen.add(d.code);
        checked++;
      }
    } finally { script.dispose(); }
    // The sequence must exercise what it claims: many checks, keystrokes, and findings of several rules
    // (per trainer, whole script, and the suppression ones).
    assert.ok(checked >= 80 && keystrokes > checked, `${checked} checks, ${keystrokes} keystrokes`);
    // …and the editor's lints must have kept pipelines' findings across edits, or the cache went untested.
    assert.ok(reused > checked * 2, `only ${reused} pipeline results reused over ${checked} checks`);
    for (const code of ['TL104', 'TL001', 'TL601', 'TL903']) assert.ok(seen.has(code), `${code} never fired: ${[...seen].join(', ')}`);
  });
});
