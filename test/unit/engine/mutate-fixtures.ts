/**
 * Lints every rule fixture mutated the way typing leaves a file (truncated, a span deleted, an
 * unbalanced bracket, a reversed span). Run as a child process by robustness.test.ts so that a hang
 * fails the test instead of stalling it. Prints JSON: { runs, problems }.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { initParser, lintText } from '../../../server/src/engine/index';

function pyFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? pyFiles(p) : f.endsWith('.py') ? [p] : [];
  });
}

function* mutations(text: string, seed: number): Generator<string> {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let k = 0; k < 4; k++) {
    const i = Math.floor(rnd() * text.length);
    const len = 1 + Math.floor(rnd() * 30);
    switch (k) {
      case 0: yield text.slice(0, i); break;
      case 1: yield text.slice(0, i) + text.slice(i + len); break;
      case 2: yield `${text.slice(0, i)}(${text.slice(i)}`; break;
      default: yield text.slice(0, i) + [...text.slice(i, i + len)].reverse().join('') + text.slice(i + len);
    }
  }
}

void (async () => {
  await initParser();
  const problems: string[] = [];
  let runs = 0;
  for (const [n, f] of pyFiles(join(__dirname, '..', '..', 'fixtures', 'rules')).entries()) {
    for (const text of mutations(readFileSync(f, 'utf8'), n + 1)) {
      const started = Date.now();
      const { errors } = lintText(f, text);
      for (const e of errors) problems.push(`${f}: ${e.message.split('\n')[0]}`);
      if (Date.now() - started > 5000) problems.push(`${f}: a mutated version took ${Date.now() - started} ms`);
      runs++;
    }
  }
  process.stdout.write(JSON.stringify({ runs, problems }));
})();
