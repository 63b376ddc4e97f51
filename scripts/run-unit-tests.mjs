// Runs every test/unit/**/*.test.ts with mocha, TypeScript loaded through tsx.
// Usage: node scripts/run-unit-tests.mjs [grep]
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function collect(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...collect(p));
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}
const files = collect('test/unit').sort();
const grep = process.argv[2] ? ['--grep', process.argv[2]] : [];
const r = spawnSync(process.execPath, ['--import', 'tsx', 'node_modules/mocha/bin/mocha.js', '--timeout', '60000', ...grep, ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
