/**
 * The build's `lazy-rule-docs` plugin (scripts/lazy-rule-docs.mjs): in the bundles a rule's `docs` is a getter, so a
 * lint never compiles or caches the texts (docs/benchmarks.md, session 27); what it returns is the source's text.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { ALL_RULES } from '../../server/src/engine/rules/index';
import type { Rule } from '../../server/src/engine/rules/rule';

const ROOT = join(__dirname, '..', '..');
type Plugin = typeof import('../../scripts/lazy-rule-docs.mjs');
const plugin = (): Promise<Plugin> => import(join(ROOT, 'scripts', 'lazy-rule-docs.mjs')) as Promise<Plugin>;

describe('build: rule docs read on demand', () => {
  it('every rule in a bundle has a docs getter that returns its source text', async function () {
    this.timeout(180_000);
    const { lazyRuleDocs } = await plugin();
    const index = join(ROOT, 'server', 'src', 'engine', 'rules', 'index.ts');
    const out = await esbuild.build({
      entryPoints: [index], bundle: true, platform: 'node', format: 'cjs', target: 'node20', write: false, logLevel: 'silent',
      plugins: [lazyRuleDocs], loader: { '.jinja': 'text' }, alias: { 'web-tree-sitter': require.resolve('web-tree-sitter') },
    });
    const mod = { exports: {} as { ALL_RULES: Rule[] } };
    new Function('module', 'exports', 'require', '__filename', '__dirname', out.outputFiles[0].text)(mod, mod.exports, createRequire(index), index, join(ROOT, 'server', 'src', 'engine', 'rules'));
    const bundled = mod.exports.ALL_RULES;
    assert.deepEqual(bundled.map((r) => r.code), ALL_RULES.map((r) => r.code));
    for (const [i, r] of bundled.entries()) {
      assert.equal(typeof Object.getOwnPropertyDescriptor(r, 'docs')?.get, 'function', `${r.code}: docs is a getter`);
      assert.equal(r.docs, ALL_RULES[i].docs, `${r.code}: the same text`);
    }
  });

  it('finds the end of a template with substitutions, nested templates, strings and braces', async () => {
    const { ruleDocsAsGetter } = await plugin();
    const src = "const rule = {\n  code: 'X',\n  docs: `a \\` ${'}'} ${`b ${{ c: 1 }.c}`} ${\"`\"} \\${not} d`,\n  check() {},\n};\n";
    const got = ruleDocsAsGetter(src);
    assert.equal(got, "const rule = {\n  code: 'X',\n  get docs() { return `a \\` ${'}'} ${`b ${{ c: 1 }.c}`} ${\"`\"} \\${not} d`; },\n  check() {},\n};\n");
    const read = (s: string) => (new Function(`${s}; return rule.docs;`) as () => string)();
    assert.equal(read(got), read(src));
    // Written otherwise (no comma after the template, or no template): left as it is.
    for (const other of ["const rule = {\n  docs: `a`\n};\n", "const rule = {\n  docs: DOCS,\n};\n"]) assert.equal(ruleDocsAsGetter(other), other);
  });
});
