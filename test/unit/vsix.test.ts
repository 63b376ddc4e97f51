/**
 * The VSIX as `npm run package` builds it: marketplace metadata, a user README (not the repository's
 * developer README), and only the files the extension loads — every bundle the client and server
 * open is there, the CLI bundles are not — within a size budget.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';

const ROOT = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

/** Entries of a zip file (central directory), with their uncompressed content on demand. */
function zipEntries(buf: Buffer): Map<string, () => Buffer> {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  assert.ok(eocd >= 0, 'not a zip file');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries = new Map<string, () => Buffer>();
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(at), 0x02014b50);
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLen);
    entries.set(name, () => {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + compressed);
      return method === 8 ? inflateRawSync(data) : Buffer.from(data.subarray(0, size));
    });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** The dist/ files the extension itself opens: the client entry, the server module, workers and wasm the bundles load. */
function filesTheExtensionLoads(): string[] {
  const files = new Set<string>([pkg.main.replace(/^\.\//, '')]);
  const scan = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) { if (name !== 'cli') scan(p); continue; }
      if (!name.endsWith('.ts') || name === 'cli.ts') continue; // the CLI and its launcher
      const text = readFileSync(p, 'utf8');
      for (const m of text.matchAll(/asAbsolutePath\('([^']+)'\)/g)) files.add(m[1]);
      for (const m of text.matchAll(/join\(__dirname, '([\w.-]+\.(?:js|wasm))'\)/g)) files.add(`dist/${m[1]}`);
      // `join(__dirname, \`decode-worker${extname(__filename) || '.js'}\`)`: the bundle's extension is .js
      for (const m of text.matchAll(/join\(__dirname, `([\w-]+)\$\{/g)) files.add(`dist/${m[1]}.js`);
    }
  };
  scan(join(ROOT, 'client', 'src'));
  scan(join(ROOT, 'server', 'src'));
  // The wasm files, the parser runtime's own module that a renewed parser loads afresh (engine/syntax/parser.ts), and
  // the libraries the bundles load on first use (dist/vendor-*.cjs, scripts/build.mjs).
  for (const asset of readdirSync(join(ROOT, 'dist')).filter((n) => n.endsWith('.wasm') || n.endsWith('.cjs'))) files.add(`dist/${asset}`);
  // dist/NAME.js entries are launchers that load their bundle dist/NAME-main.js (server/src/launch/launcher.ts).
  for (const f of [...files]) {
    const bundle = f.replace(/\.js$/, '-main.js');
    if (bundle !== f && existsSync(join(ROOT, bundle))) files.add(bundle);
  }
  return [...files].sort();
}

describe('the VSIX', function () {
  this.timeout(120_000);
  let dir: string;
  let entries: Map<string, () => Buffer>;
  let size: number;

  before(function () {
    if (!existsSync(join(ROOT, 'dist', 'server.js'))) throw new Error('run `npm run build` first');
    dir = mkdtempSync(join(tmpdir(), 'trainlint-vsix-'));
    const out = join(dir, 'trainlint.vsix');
    // The same command as `npm run package`, into a temporary file.
    const args = pkg.scripts.package.replace(/^vsce /, '').replace(/-o \S+/, `-o ${out}`).split(' ');
    execFileSync(join(ROOT, 'node_modules', '.bin', 'vsce'), args, { cwd: ROOT, stdio: 'pipe' });
    const buf = readFileSync(out);
    size = buf.length;
    entries = zipEntries(buf);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('carries exactly the files the extension uses, and none of the CLI', () => {
    const files = [...entries.keys()].filter((n) => n.startsWith('extension/')).map((n) => n.slice('extension/'.length)).sort();
    console.log(`      ${files.length} files, ${(size / 1e6).toFixed(2)} MB: ${files.join(' ')}`);
    for (const f of filesTheExtensionLoads()) assert.ok(files.includes(f), `${f} is loaded by the extension but missing from the VSIX`);
    const expected = new Set([...filesTheExtensionLoads(), 'package.json', 'readme.md', 'changelog.md', 'LICENSE.txt', pkg.icon]);
    const extra = files.filter((f) => !expected.has(f) && !f.startsWith('syntaxes/'));
    assert.deepEqual(extra, [], `files the extension never uses: ${extra.join(', ')}`);
    assert.ok(!files.some((f) => /^dist\/cli(-main|-worker)?\.js$/.test(f)), 'the CLI bundles are not part of the extension');
    assert.ok(files.some((f) => f.startsWith('syntaxes/')), 'the directive highlighting grammar');
  });

  it('stays within its size budget (bundles are minified, no dependency tree)', () => {
    assert.ok(size < 2_500_000, `the VSIX is ${(size / 1e6).toFixed(2)} MB`);
  });

  it('has marketplace metadata: icon, categories, keywords, a user README with screenshots, a changelog', () => {
    assert.deepEqual(pkg.categories, ['Linters', 'Machine Learning', 'Notebooks']);
    assert.ok(pkg.keywords.length >= 5 && pkg.keywords.length <= 30);
    const icon = entries.get(`extension/${pkg.icon}`)!();
    assert.equal(icon.subarray(1, 4).toString(), 'PNG');
    assert.deepEqual([icon.readUInt32BE(16), icon.readUInt32BE(20)], [128, 128], 'a 128×128 icon');
    const readme = entries.get('extension/readme.md')!().toString('utf8');
    assert.ok(!readme.includes('npm ci && npm run build'), 'the VSIX README is the user README, not the developer one');
    for (const heading of ['## What it catches', '## Commands', '## Settings', '## Privacy']) assert.ok(readme.includes(heading), heading);
    // Every setting and command the extension contributes is documented.
    for (const key of Object.keys(pkg.contributes.configuration.properties).filter((k) => k !== 'trainlint.trace.server')) {
      assert.ok(readme.includes(key.replace(/^trainlint\./, '')), `setting ${key} is not in the README`);
    }
    for (const c of pkg.contributes.commands) assert.ok(readme.includes(`trainlint: ${c.title}`), `command "${c.title}" is not in the README`);
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]);
    assert.ok(images.length >= 3, 'screenshots');
    for (const url of images) {
      const local = url.replace(/^https:\/\/github\.com\/trainlint\/trainlint\/raw\/HEAD\//, '');
      assert.ok(existsSync(join(ROOT, local)), `README image ${url} is not in the repository`);
    }
    assert.match(entries.get('extension/changelog.md')!().toString('utf8'), new RegExp(`## ${pkg.version.replace(/\./g, '\\.')}`));
  });

  it('leaves the repository README starting with the two commands that set up and test everything', () => {
    const lines = readFileSync(join(ROOT, 'README.md'), 'utf8').split('\n');
    assert.match(lines[3], /^npm ci && npm run build/);
    assert.match(lines[4], /^npm test\b/);
  });
});
