/**
 * `xs.map(f)` whose result has the same V8 shape however it is called. `Array.prototype.map` makes a packed array when
 * it runs as a builtin and a holey one once TurboFan inlines it into an optimised caller, so an array a hot function
 * builds on every keystroke changes shape when that function is optimised, and the optimised code that reads it
 * (tuned on the first shape) is thrown away. Found on the per-section facts (`buildFacts`) read by `splitPipelines`:
 * 2 of 29 arrays holey, a de-optimisation on each edit that moved a section (docs/benchmarks.md, session 23). An array
 * grown by `push` from `[]` is packed in every tier.
 */
export function mapPacked<T, U>(xs: readonly T[], f: (x: T, i: number) => U): U[] {
  const out: U[] = [];
  for (let i = 0; i < xs.length; i++) out.push(f(xs[i], i));
  return out;
}
