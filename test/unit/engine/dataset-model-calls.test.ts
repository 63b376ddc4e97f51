/**
 * The dataset model keeps each call's state once computed (`DatasetModel.calledState`): names that resolve to one call
 * get the state its first computation made. Tested against the model computing it again for each (the code it
 * replaced) over the rule fixtures and the benchmark's replica, and through edits that change what the call reads.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Node } from 'web-tree-sitter';
import { lint, ParsedScript, PipelineCache, ScriptDocument } from '../../../server/src/engine/index';
import { buildFacts } from '../../../server/src/engine/facts/build';
import { DatasetModel } from '../../../server/src/engine/dataset/model';
import type { FileFacts } from '../../../server/src/engine/facts/types';
import { ready } from '../helpers';

const FIXTURES = join(__dirname, '../../fixtures/rules');

/** Every node a rule may ask the model about: each call's arguments and receiver, each assignment's value. */
function askedNodes(facts: FileFacts): Node[] {
  const out: Node[] = [];
  for (const c of facts.calls) {
    if (c.receiver) out.push(c.receiver);
    for (const a of c.positional) out.push(a.value);
    for (const a of c.keywords.values()) out.push(a.value);
    out.push(c.node);
  }
  for (const a of facts.assignments) out.push(a.value);
  return out;
}

/** A state as text: nodes by type and place (the same node, however its handle was made). */
function shown(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (v && typeof v === 'object' && 'startIndex' in v && 'type' in v && 'tree' in v
    ? `${(v as Node).type}@${(v as Node).startIndex}-${(v as Node).endIndex}` : v)) ?? 'undefined';
}

let followed = 0;

/** The states the model gives for `nodes`, asked in order, with the call memo or computing each call again. */
function states(facts: FileFacts, nodes: Node[], again: boolean): string[] {
  const model = new DatasetModel(facts);
  const m = model as unknown as { calledState: unknown; fromCall: (c: unknown, d: number) => unknown };
  const fromCall = m.fromCall.bind(model);
  m.fromCall = (call: unknown, depth: number) => { followed += again ? -1 : 1; return fromCall(call, depth); };
  if (again) m.calledState = (call: unknown, depth: number) => m.fromCall(call, depth);
  return nodes.map((n) => shown(model.at(n)));
}

function pythonFixtures(): string[] {
  const out: string[] = [];
  for (const code of readdirSync(FIXTURES)) {
    if (!/^TL[0-9]/.test(code)) continue;
    for (const f of readdirSync(join(FIXTURES, code))) if (f.endsWith('.py') && !f.endsWith('.fixed.py')) out.push(join(FIXTURES, code, f));
  }
  return out;
}

describe('dataset model: a call followed once', () => {
  before(ready);

  it('gives every node of the rule fixtures and the replica the state computing each call again gives', async () => {
    const { makeLongReplica } = await import('../../../bench/startup.mjs' as string);
    const texts: Array<[string, string]> = pythonFixtures().map((f) => [f, readFileSync(f, 'utf8')]);
    texts.push(['replica', makeLongReplica() as string]);
    let compared = 0, datasets = 0;
    for (const [name, text] of texts) {
      const script = ParsedScript.parse(text);
      try {
        const facts = buildFacts(script.syntax);
        const nodes = askedNodes(facts);
        const kept = states(facts, nodes, false);
        const again = states(buildFacts(script.syntax), nodes, true);
        assert.deepEqual(kept, again, name);
        // Asked in the reverse order too: which name reaches a call first must not matter.
        const back = [...nodes].reverse();
        assert.deepEqual(states(facts, back, false), states(buildFacts(script.syntax), back, true), `${name} (reversed)`);
        compared += nodes.length;
        datasets += kept.filter((s) => s !== 'undefined').length;
      } finally { script.dispose(); }
    }
    assert.ok(compared > 5000 && datasets > 500, `${compared} nodes, ${datasets} datasets`);
    // …and the memo answered: fewer calls followed than computing each again.
    assert.ok(followed < -500, `${followed}`);
  });

  it('an edit of what a call reads changes the finding of every name that reaches it', () => {
    const text = [
      '# pip install trl==0.24.0',
      'from datasets import Dataset',
      'from trl import GRPOTrainer',
      '',
      '',
      'def correctness(prompts, completions, solution, **kwargs):',
      '    return [float(s in c) for c, s in zip(completions, solution)]',
      '',
      '',
      'ds = Dataset.from_dict({"prompt": ["q"], "answer": ["a"]})',
      'print(len(ds), ds.column_names)',
      'trainer = GRPOTrainer(model="Qwen/Qwen2.5-0.5B-Instruct", reward_funcs=[correctness], train_dataset=ds)',
      'other = GRPOTrainer(model="Qwen/Qwen2.5-0.5B-Instruct", reward_funcs=[correctness], train_dataset=ds)',
      '',
    ].join('\n');
    const script = ParsedScript.parse(text, { edited: true });
    const pipelines = new PipelineCache();
    const path = '/tmp/trainlint-test/calls.py';
    const tl517 = () => lint({ doc: ScriptDocument.fromPython(path, script.text), script, pipelines })
      .diagnostics.filter((d) => d.code === 'TL517').map((d) => d.range.start.line);
    try {
      assert.deepEqual(tl517(), [11, 12]);
      const line = 9, at = text.split('\n')[line].indexOf('answer');
      const rename = (from: string, to: string) => script.update([{ range: { start: { line, character: at }, end: { line, character: at + from.length } }, text: to }]);
      rename('answer', 'solution');
      assert.deepEqual(tl517(), []);
      rename('solution', 'answer');
      assert.deepEqual(tl517(), [11, 12]);
    } finally { script.dispose(); }
  });
});
