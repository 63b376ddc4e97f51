/**
 * web-tree-sitter hands every node between JavaScript and wasm through a transfer buffer in the wasm memory, one
 * 32-bit field at a time, with the Emscripten module's generic `setValue(ptr, value, type)` / `getValue(ptr, type)`:
 * a switch on the type's name, then a `DataView` read or write (the runtime is built to run on big-endian machines
 * too). Each node a rule reads costs five of them each way; on the replica's lint of 40 pipelines they were ~4 % of
 * its time (docs/benchmarks.md, session 25). On a little-endian machine an `Int32Array` over the same memory reads and
 * writes the same bytes, so the module's two functions are given a fast path for `i32` (the type of all but two of
 * the runtime's calls); every other type goes to the module's own function.
 *
 * The module object is the options object passed to `Parser.init` (Emscripten's MODULARIZE build resolves with it,
 * and the runtime calls `C.setValue` on it); its `HEAP32` is the view the runtime itself renews when the memory grows,
 * read at every call so a grown memory is never written through a stale view.
 */
import { endianness } from 'node:os';

interface TransferModule {
  setValue?: (ptr: number, value: number, type?: string) => void;
  getValue?: (ptr: number, type?: string) => number;
  HEAP32?: Int32Array;
}

/** Gives `module` (after `Parser.init`) fast `i32` transfers; false (nothing changed) when it cannot. */
export function fastTransfers(target: object): boolean {
  const module = target as TransferModule;
  const set = module.setValue, get = module.getValue;
  if (endianness() !== 'LE' || typeof set !== 'function' || typeof get !== 'function' || !(module.HEAP32 instanceof Int32Array)) return false;
  // `(ptr >> 2)` is the runtime's own alignment of an i32 address (`LE_HEAP_STORE_I32((ptr >> 2) * 4, value)`).
  module.setValue = (ptr: number, value: number, type = 'i8') => {
    if (type === 'i32') module.HEAP32![ptr >> 2] = value;
    else set(ptr, value, type);
  };
  module.getValue = (ptr: number, type = 'i8') => (type === 'i32' ? module.HEAP32![ptr >> 2] : get(ptr, type));
  return true;
}
