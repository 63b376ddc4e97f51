/**
 * Helpers behind TL101/TL106/TL502 that fixtures show only in part: the closest-name choice,
 * several keyword moves in one edit, the special-token pieces of a chat marker.
 */
import assert from 'node:assert/strict';
import { ParsedScript, applyEdits } from '../../../server/src/engine/index';
import { buildFacts } from '../../../server/src/engine/facts/build';
import { addKeywords, removeArgument, removeArguments } from '../../../server/src/engine/rules/edits';
import { closestName, editDistance } from '../../../server/src/engine/domain/names';
import { specialPieces } from '../../../server/src/engine/domain/active-template';
import { ready } from '../helpers';

function edit(text: string, f: (p: ParsedScript, call: ReturnType<typeof buildFacts>['calls'][number]) => Parameters<typeof applyEdits>[1]): string {
  const p = ParsedScript.parse(text);
  try {
    const call = buildFacts(p.syntax).calls.find((c) => c.calleeText === 'f')!;
    const out = applyEdits(text, f(p, call));
    const q = ParsedScript.parse(out);
    try { assert.ok(!q.hasSyntaxErrors, out); } finally { q.dispose(); }
    return out;
  } finally { p.dispose(); }
}

describe('rule edit helpers', () => {
  before(ready);

  it('editDistance / closestName: typos and case are confident, ties and far names are not', () => {
    assert.equal(editDistance('text', 'txt'), 1);
    assert.equal(editDistance('', 'abc'), 3);
    assert.deepEqual(closestName('text', ['Text', 'label']), { name: 'Text', distance: 0, confident: true });
    assert.equal(closestName('text', ['txt', 'label'])?.confident, true);
    assert.equal(closestName('text', ['prompt_text'])?.confident, false);
    assert.equal(closestName('text', ['test', 'next'])?.confident, false, 'a tie is not a fix');
    assert.equal(closestName('dialog_text', ['dialogue_text'])?.confident, true);
    assert.equal(closestName('x', []), undefined);
  });

  it('removeArguments: neighbours removed together leave a clean call', () => {
    const drop = (text: string, names: string[]) => edit(text, (p, c) =>
      removeArguments(p.source, c, c.args.filter((a) => a.name && names.includes(a.name))));
    assert.equal(drop('f(a, b=1, c=2)\n', ['b', 'c']), 'f(a)\n');
    assert.equal(drop('f(a, b=1, c=2)\n', ['b']), 'f(a, c=2)\n');
    assert.equal(drop('f(b=1, c=2, d=3)\n', ['b', 'c']), 'f(d=3)\n');
    assert.equal(drop('f(b=1, c=2)\n', ['b', 'c']), 'f()\n');
    assert.equal(drop('f(\n    a,\n    b=1,\n    c=2,\n)\n', ['b', 'c']), 'f(\n    a,\n)\n');
  });

  it('removeArguments / addKeywords: a comment ending a moved keyword\'s line is kept or taken along, never lost', () => {
    const drop = (text: string, names: string[], mode: 'keep' | 'take') => edit(text, (p, c) =>
      removeArguments(p.source, c, c.args.filter((a) => a.name && names.includes(a.name)), mode));
    // Alone on its line: `keep` leaves the comment on that line, `take` removes it with the keyword.
    assert.equal(drop('f(\n    a,\n    b=1,  # why\n    c=2,\n)\n', ['b'], 'keep'), 'f(\n    a,\n    # why\n    c=2,\n)\n');
    assert.equal(drop('f(\n    a,\n    b=1,  # why\n    c=2,\n)\n', ['b'], 'take'), 'f(\n    a,\n    c=2,\n)\n');
    assert.equal(drop('f(\r\n    a,\r\n    b=1,  # why\r\n)\r\n', ['b'], 'keep'), 'f(\r\n    a,\r\n    # why\r\n)\r\n');
    // Sharing its line with the argument before it, or followed by one on the next line.
    assert.equal(drop('f(a, b=1,  # why\n  c=2)\n', ['b'], 'keep'), 'f(a,  # why\n  c=2)\n');
    assert.equal(drop('f(a, b=1,  # why\n  c=2)\n', ['b'], 'take'), 'f(a, c=2)\n');
    assert.equal(drop('f(a, b=1  # why\n  )\n', ['b'], 'keep'), 'f(a  # why\n  )\n');
    assert.equal(drop('f(a, b=1  # why\n  )\n', ['b'], 'take'), 'f(a\n  )\n');
    const add = (text: string, comments: Array<string | undefined>) => {
      let made: ReturnType<typeof addKeywords>;
      const out = edit(text, (p, c) => { made = addKeywords(p.source, c, ['x=1', 'y=2'], comments); return made ? [made] : []; });
      return made! ? out : undefined;
    };
    assert.equal(add('f(\n    a,\n)\n', ['# one', undefined]), 'f(\n    a,\n    x=1,  # one\n    y=2,\n)\n');
    assert.equal(add('f(\n    a\n)\n', [undefined, '# two']), 'f(\n    a,\n    x=1,\n    y=2  # two\n)\n');
    assert.equal(add('f(\n    a,  # a\n)\n', [undefined, '# two']), 'f(\n    a,  # a\n    x=1,\n    y=2,  # two\n)\n');
    // No line for the comment: the caller keeps it where it was.
    assert.equal(add('f(\n    a)\n', ['# one', undefined]), undefined);
    assert.equal(add('f(a)\n', ['# one', undefined]), undefined);
    assert.equal(add('f(a)\n', [undefined, undefined]), 'f(a, x=1, y=2)\n');
  });

  it('removeArgument: a removal alone (no mode) keeps every comment outside the argument, well-formed', () => {
    const drop = (text: string, name: string) => edit(text, (p, c) => [removeArgument(p.source, c, c.args.find((a) => a.name === name)!)]);
    // The comment ending the removed argument's own line stays on that line.
    assert.equal(drop('foo = 1\nf(\n    a=1,  # why\n    b=2,\n)\n', 'a'), 'foo = 1\nf(\n    # why\n    b=2,\n)\n');
    assert.equal(drop('f(a=1,  # why\n  b=2)\n', 'a'), 'f(  # why\n  b=2)\n');
    assert.equal(drop('f(x, a=1,  # why\n  b=2)\n', 'a'), 'f(x,  # why\n  b=2)\n');
    assert.equal(drop('f(x,\r\n  a=1,  # why\r\n)\r\n', 'a'), 'f(x,\r\n  # why\r\n)\r\n');
    // Comments on the lines before the next argument, or after the argument before, are theirs.
    assert.equal(drop('f(x, a=1,\n  # about b\n  b=2)\n', 'a'), 'f(x,\n  # about b\n  b=2)\n');
    assert.equal(drop('f(a=1,\n  # about b\n  b=2)\n', 'a'), 'f(\n  # about b\n  b=2)\n');
    assert.equal(drop('f(x=0,  # about x\n  a=1)\n', 'a'), 'f(x=0  # about x\n)\n');
    assert.equal(drop('f(x=0,  # about x\n  a=1,)\n', 'a'), 'f(x=0,  # about x\n  )\n');
    // No comment: as before.
    assert.equal(drop('f(x, a=1, b=2)\n', 'a'), 'f(x, b=2)\n');
    assert.equal(drop('f(\n    x,\n    a=1,\n)\n', 'a'), 'f(\n    x,\n)\n');
    assert.equal(drop('f(a=1,\n  b=2)\n', 'a'), 'f(b=2)\n');
  });

  it('addKeywords: one edit in the call layout (one line, trailing comma, one per line, empty)', () => {
    const add = (text: string) => edit(text, (p, c) => [addKeywords(p.source, c, ['x=1', 'y="a"'])]);
    assert.equal(add('f(a)\n'), 'f(a, x=1, y="a")\n');
    assert.equal(add('f(a,)\n'), 'f(a, x=1, y="a")\n');
    assert.equal(add('f()\n'), 'f(x=1, y="a")\n');
    assert.equal(add('f(\n    a,\n)\n'), 'f(\n    a,\n    x=1,\n    y="a",\n)\n');
    assert.equal(add('f(\n    a\n)\n'), 'f(\n    a,\n    x=1,\n    y="a"\n)\n');
  });

  it('specialPieces: the token pieces of each marker family', () => {
    assert.deepEqual(specialPieces('<|start_header_id|>user<|end_header_id|>\n\n'), ['<|start_header_id|>', '<|end_header_id|>']);
    assert.deepEqual(specialPieces('<start_of_turn>model\n'), ['<start_of_turn>']);
    assert.deepEqual(specialPieces('<|turn>model\n<turn|>'), ['<|turn>', '<turn|>']);
    assert.deepEqual(specialPieces('[INST] hi [/INST]</s>'), ['[INST]', '[/INST]', '</s>']);
    assert.deepEqual(specialPieces('### Response:\n'), []);
  });
});
