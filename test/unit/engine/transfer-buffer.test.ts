/**
 * The fast path for web-tree-sitter's i32 transfers (`syntax/transfer-buffer.ts`): it reads and writes the bytes the
 * module's own DataView functions do, hands every other type to them, and follows the module's view when the memory grows.
 */
import assert from 'node:assert/strict';
import { fastTransfers } from '../../../server/src/engine/syntax/transfer-buffer';
import { ParsedScript } from '../../../server/src/engine/syntax/parsed-script';
import { initParser } from '../../../server/src/engine/syntax/parser';

/** A module as Emscripten makes it: DataView-based, little-endian, generic over the type's name. */
function fakeModule(bytes: number) {
  const m = {
    buffer: new ArrayBuffer(bytes),
    HEAP32: undefined as unknown as Int32Array,
    view: undefined as unknown as DataView,
    grow(to: number) { const b = new ArrayBuffer(to); new Uint8Array(b).set(new Uint8Array(this.buffer)); this.buffer = b; this.HEAP32 = new Int32Array(b); this.view = new DataView(b); },
    setValue(ptr: number, value: number, type = 'i8') {
      if (type === 'i32') m.view.setInt32((ptr >> 2) * 4, value, true);
      else if (type === 'i16') m.view.setInt16((ptr >> 1) * 2, value, true);
      else m.view.setInt8(ptr, value);
    },
    getValue(ptr: number, type = 'i8'): number {
      if (type === 'i32') return m.view.getInt32((ptr >> 2) * 4, true);
      if (type === 'i16') return m.view.getInt16((ptr >> 1) * 2, true);
      return m.view.getInt8(ptr);
    },
  };
  m.HEAP32 = new Int32Array(m.buffer);
  m.view = new DataView(m.buffer);
  return m;
}

function random(seed: number): () => number {
  let s = seed;
  return () => { s = (s * 1103515245 + 12345) & 0x7fffffff; return s / 0x7fffffff; };
}

describe('web-tree-sitter transfers, i32 fast path', () => {
  it('writes and reads what the module\'s own functions do, for every type and alignment', () => {
    const plain = fakeModule(256), fast = fakeModule(256);
    assert.equal(fastTransfers(fast), true);
    const rnd = random(3);
    const values = [0, 1, -1, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), 2 ** 32 + 5, 3.7, -3.7, NaN];
    for (let k = 0; k < 20000; k++) {
      const ptr = Math.floor(rnd() * 250);
      const type = ['i32', 'i32', 'i16', 'i8', undefined][Math.floor(rnd() * 5)];
      if (rnd() < 0.5) {
        const v = rnd() < 0.3 ? values[Math.floor(rnd() * values.length)] : Math.floor((rnd() - 0.5) * 2 ** 33);
        plain.setValue(ptr, v, type); fast.setValue(ptr, v, type);
      }
      assert.equal(fast.getValue(ptr, type), plain.getValue(ptr, type), `${type} at ${ptr}`);
    }
    assert.deepEqual(new Uint8Array(fast.buffer), new Uint8Array(plain.buffer));
  });

  it('follows the module\'s view after the memory grows', () => {
    const fast = fakeModule(64);
    fastTransfers(fast);
    fast.setValue(8, 12345, 'i32');
    fast.grow(128);
    fast.setValue(100, -7, 'i32');
    assert.equal(fast.getValue(8, 'i32'), 12345);
    assert.equal(new DataView(fast.buffer).getInt32(100, true), -7);
  });

  it('leaves a module it cannot speed up as it is', () => {
    const m = { setValue: undefined, getValue: () => 0 };
    assert.equal(fastTransfers(m as never), false);
    assert.equal(m.setValue, undefined);
  });

  it('the parser reads nodes through it: positions, types and fields of a parsed script', async () => {
    await initParser();
    const text = 'import os\n\ndef f(a, b=2, *c, **d):\n    return g(a, key=b)[0]\n\nx = f(1, b=[1, 2])  # note\n';
    const script = ParsedScript.parse(text);
    try {
      const calls = script.syntax.descendantsOfType('call').map((n) => `${n!.startIndex}-${n!.endIndex} ${n!.childForFieldName('function')?.text} ${n!.childForFieldName('arguments')?.namedChildren.map((c) => c!.type).join(',')}`);
      const at = (s: string) => `${text.indexOf(s)}-${text.indexOf(s) + s.length}`;
      assert.deepEqual(calls, [`${at('g(a, key=b)')} g identifier,keyword_argument`, `${at('f(1, b=[1, 2])')} f integer,keyword_argument`]);
    } finally { script.dispose(); }
  });
});
