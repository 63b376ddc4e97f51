// The build's `lazy-rule-docs` plugin (scripts/build.mjs): in the bundles, each rule's `docs` becomes a getter that returns
// the same template literal.
//
// A rule's `docs` (its page under docs/rules/, ~185,000 characters over the rules, most with a dash or an arrow, so
// two-byte strings) is read by `trainlint rule`, the docs generator and the tests, never by a lint. As a property, each
// text is a constant of its module's top-level code, which every process runs, so the code cache every start reads held
// them: 690 KB of the CLI's 1.58 MB cache (docs/benchmarks.md, session 27). A getter's body is compiled only when read.
import { readFile } from 'node:fs/promises';

const OPEN = '\n  docs: `';

/** Index of the backtick that closes the template literal opened at `i`. */
function templateEnd(s, i) {
  for (let j = i + 1; j < s.length; j++) {
    const c = s[j];
    if (c === '\\') j++;
    else if (c === '`') return j;
    else if (c === '$' && s[j + 1] === '{') j = expressionEnd(s, j + 2);
  }
  throw new Error('unterminated template literal');
}

/** Index of the `}` that ends a `${…}` substitution starting at `i`. */
function expressionEnd(s, i) {
  let depth = 0;
  for (let j = i; j < s.length; j++) {
    const c = s[j];
    if (c === '`') j = templateEnd(s, j);
    else if (c === '"' || c === "'") {
      for (j++; j < s.length && s[j] !== c; j++) if (s[j] === '\\') j++;
    } else if (c === '{') depth++;
    else if (c === '}') {
      if (depth === 0) return j;
      depth--;
    }
  }
  throw new Error('unterminated substitution');
}

/**
 * The rule file's source with `docs: \`…\`,` written as `get docs() { return \`…\`; },`; unchanged when the file has no
 * such property (two-space indent, a template literal followed by a comma), so a rule written otherwise keeps its
 * property.
 */
export function ruleDocsAsGetter(source) {
  const at = source.indexOf(OPEN);
  if (at < 0) return source;
  const open = at + OPEN.length - 1;
  const close = templateEnd(source, open);
  if (source[close + 1] !== ',') return source;
  return `${source.slice(0, at)}\n  get docs() { return ${source.slice(open, close + 1)}; }${source.slice(close + 1)}`;
}

export const lazyRuleDocs = {
  name: 'lazy-rule-docs',
  setup(build) {
    build.onLoad({ filter: /[\\/]engine[\\/]rules[\\/]tl\d{3}-[\w-]+\.ts$/ }, async (args) => ({
      contents: ruleDocsAsGetter(await readFile(args.path, 'utf8')),
      loader: 'ts',
    }));
  },
};
