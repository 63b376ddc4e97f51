import { initParser, ParsedScript } from '../server/src/engine/index';
async function main() {
  await initParser();
  const { makeLongReplica } = await import('./startup.mjs' as string);
  const text: string = makeLongReplica();
  const a: number[] = [], b: number[] = [];
  for (let i = 0; i < 30; i++) {
    let t0 = performance.now(); const s1 = ParsedScript.parse(text + `#${i}\n`, { edited: true }); a.push(performance.now() - t0); s1.dispose();
    t0 = performance.now(); const s2 = ParsedScript.parse(text + `#${i}\n`); b.push(performance.now() - t0); s2.dispose();
  }
  const med = (x: number[]) => [...x].sort((p, q) => p - q)[x.length >> 1].toFixed(1);
  console.log('sectioned', med(a), 'whole', med(b));
}
main();
