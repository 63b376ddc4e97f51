/**
 * What an analysis derives from a per-keystroke object (a section's tree, a script's facts), kept on that
 * object instead of in a module-level WeakMap keyed by it.
 *
 * Why: V8's young-generation collector (the scavenger, which runs every few keystrokes) keeps the values of a
 * WeakMap alive whatever becomes of their keys; only a full collection clears them. An editor makes a new tree
 * for the edited section and new facts on every keystroke, so each keystroke's derivations (facts, indexes,
 * and through their nodes the document text) outlived it, were copied and promoted by each scavenge, and were
 * freed only by the next full collection. Kept on the object, they die with it. (docs/benchmarks.md, session 12.)
 */

/** The slot on an owner. */
export const KEPT: unique symbol = Symbol('trainlint.kept');

export interface Keeps { [KEPT]?: Map<object, unknown> }

/**
 * A kind of value kept on its owners, with a WeakMap's `get`/`set`/`has`: a drop-in for `new WeakMap<Owner, T>()`
 * where the owners are made per keystroke. Owners whose shape matters (`FileFacts`) are made with the slot.
 */
export class KeptKey<T> {
  get(owner: object): T | undefined { return (owner as Keeps)[KEPT]?.get(this) as T | undefined; }
  has(owner: object): boolean { return (owner as Keeps)[KEPT]?.has(this) ?? false; }
  set(owner: object, value: T): this {
    const slot = owner as Keeps;
    (slot[KEPT] ??= new Map()).set(this, value);
    return this;
  }
}
