/**
 * Exact-duplicate detection in flat-ish memory: each row is reduced to a 64-bit hash (two
 * independent 32-bit mixes of its JSON text) kept in an open-addressing table of typed arrays,
 * 12 bytes per distinct row at most twice over. A false duplicate needs a 64-bit collision
 * (about 1 in 10^8 for ten million rows).
 */

/** Two 32-bit hashes of a string (cyrb53's mixing, two seeds). */
export function hash64(s: string): [number, number] {
  let h1 = 0xdeadbeef, h2 = 0x41c6ce57, h3 = 0x9e3779b9, h4 = 0x2545f491;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
    h3 = Math.imul(h3 ^ c, 2246822507);
    h4 = Math.imul(h4 ^ c, 3266489909);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  h3 = Math.imul(h3 ^ (h3 >>> 16), 2654435761) ^ Math.imul(h4 ^ (h4 >>> 13), 1597334677);
  h4 = Math.imul(h4 ^ (h4 >>> 16), 2654435761) ^ Math.imul(h3 ^ (h3 >>> 13), 1597334677);
  return [(h1 ^ h4) >>> 0, (h2 ^ h3) >>> 0];
}

/** Set of 64-bit hashes remembering the first row index of each. */
export class HashTable {
  private keys = new Uint32Array(2 * 1024);
  private firsts = new Int32Array(1024).fill(-1);
  private size = 0;

  /** The first row with this hash, or -1 after recording `index` as its first. */
  addOrFirst(h: readonly [number, number], index: number): number {
    if ((this.size + 1) * 2 > this.firsts.length) this.grow();
    const mask = this.firsts.length - 1;
    let slot = (h[0] ^ Math.imul(h[1], 0x9e3779b1)) & mask;
    for (;;) {
      const first = this.firsts[slot];
      if (first < 0) {
        this.keys[2 * slot] = h[0];
        this.keys[2 * slot + 1] = h[1];
        this.firsts[slot] = index;
        this.size++;
        return -1;
      }
      if (this.keys[2 * slot] === h[0] && this.keys[2 * slot + 1] === h[1]) return first;
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    const { keys, firsts } = this;
    this.keys = new Uint32Array(keys.length * 2);
    this.firsts = new Int32Array(firsts.length * 2).fill(-1);
    this.size = 0;
    for (let s = 0; s < firsts.length; s++) if (firsts[s] >= 0) this.addOrFirst([keys[2 * s], keys[2 * s + 1]], firsts[s]);
  }
}
