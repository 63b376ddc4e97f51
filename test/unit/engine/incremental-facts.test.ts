/**
 * Editors keep a script's syntax in sections (an edit re-parses one) and keep the facts of the
 * sections an edit did not re-parse. Whatever the edit, the trees, facts and diagnostics must be
 * exactly those of a fresh parse cut at the same places; for code without syntax errors, the
 * sections must be exactly the one-tree parse.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Node } from 'web-tree-sitter';
import { lint, ParsedScript, ScriptDocument } from '../../../server/src/engine/index';
import { buildFacts, enclosingFunction } from '../../../server/src/engine/facts/build';
import { callsWhere } from '../../../server/src/engine/facts/selections';
import type { CallFact } from '../../../server/src/engine/facts/types';
import type { FileFacts } from '../../../server/src/engine/facts/types';
import { SECTION_LINES } from '../../../server/src/engine/syntax/sectioned-tree';
import { textualCuts } from '../../../server/src/engine/syntax/section-cuts';
import { canMoveNodes } from '../../../server/src/engine/syntax/tree-handles';
import { ready } from '../helpers';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'rules');

function pythonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? pythonFiles(p) : p.endsWith('.py') && !p.endsWith('.fixed.py') ? [p] : [];
  }).sort();
}

/** Long scripts made of the rule fixtures (real fine-tuning code, some of it broken on purpose). */
function longScripts(count: number, lines: number, validOnly = false): string[] {
  const files = pythonFiles(FIXTURES).map((p) => readFileSync(p, 'utf8')).filter((text) => {
    if (!validOnly) return true;
    const s = ParsedScript.parse(text);
    try { return !s.hasSyntaxErrors; } finally { s.dispose(); }
  });
  const out: string[] = [];
  let i = 0;
  for (let k = 0; k < count; k++) {
    let text = '';
    while (text.split('\n').length < lines) text += files[i++ % files.length] + '\n\n';
    out.push(text);
  }
  return out;
}

const at = (n: Node) => `${n.type}@${n.startIndex}-${n.endIndex}:${n.startPosition.row}.${n.startPosition.column}-${n.endPosition.row}.${n.endPosition.column}`;

/** Everything rules can read from the index, as plain data (positions included). */
function signature(f: FileFacts): unknown {
  return {
    imports: f.imports.map((i) => [i.module, i.name, i.local, at(i.node)]),
    stars: f.starImports,
    calls: f.calls.map((c) => [at(c.node), at(c.callee), c.callee.text, c.calleeText, c.qualified, c.method, c.receiver?.text,
      c.args.map((a) => [a.name, at(a.value), a.value.text]), c.hasSplat, c.scope && at(c.scope), c.node.parent && at(c.node.parent)]),
    assignments: f.assignments.map((a) => [a.target, a.subscriptKey, a.unpackIndex, at(a.node), at(a.targetNode), at(a.value), a.value.text, a.scope && at(a.scope)]),
    functions: [...f.functions.values()].map((fn) => [fn.name, at(fn.node), fn.params, fn.returns.map(at)]),
    classes: f.classes.map((c) => [c.name, at(c.node), c.bases, c.opaqueBases, c.decorators,
      c.members.map((m) => [m.name, m.kind, m.annotated, m.forwardsInit, m.value && at(m.value), m.value?.text])]),
  };
}

/** Each section's tree, with positions: two parses are the same iff these are equal. */
function trees(script: ParsedScript): string[] {
  return script.syntax.sections.map((s) => `${s.start}-${s.end}@${s.row} ${s.tree.rootNode.children.map((c) => `${c!.toString()}${at(c!)}`).join(' ')}`);
}

/** A deterministic pseudo-random sequence (the test must fail the same way twice). */
function rng(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
}

/** Edits people make while typing, including ones that break and repair the syntax. */
const SNIPPETS = ['a', 'x', ' ', '\n', '(', ')', ':', '"', '"""', '#', '\n    ', 'def ', 'import os\n', '=', ',', 'tokenizer', '\n\n', 'x = [\n', ']\n'];

describe('sectioned syntax and facts that survive edits', () => {
  before(ready);

  it('moves nodes of shifted sections correctly on this web-tree-sitter build', () => {
    assert.equal(canMoveNodes(), true);
  });

  it('parses valid code into exactly the nodes of the one-tree parse', () => {
    for (const text of longScripts(4, 8 * SECTION_LINES, true)) {
      const whole = ParsedScript.parse(text);
      const sectioned = ParsedScript.parse(text, { edited: true });
      try {
        assert.ok(sectioned.syntax.sections.length >= 4, `${sectioned.syntax.sections.length} sections`);
        const kids = (s: ParsedScript) => s.syntax.roots.flatMap((r) => r.children.map((c) => `${c!.toString()}${at(c!)}`));
        assert.equal(whole.hasSyntaxErrors, false);
        assert.deepEqual(kids(sectioned), kids(whole));
        assert.deepEqual(signature(buildFacts(sectioned.syntax)), signature(buildFacts(whole.syntax)));
      } finally { whole.dispose(); sectioned.dispose(); }
    }
  });

  it('gives the trees, facts and diagnostics of a fresh parse after every edit', function () {
    this.timeout(300_000);
    const random = rng(7);
    let edits = 0;
    let shifted = 0;
    for (const original of longScripts(4, 6 * SECTION_LINES)) {
      let text = original;
      const edited = ParsedScript.parse(text, { edited: true });
      try {
        buildFacts(edited.syntax);
        for (let i = 0; i < 60; i++) {
          const lines = text.split('\n');
          // A third of the edits land on a section's first line or just before it (merges).
          const starts = edited.syntax.sections.slice(1).map((s) => s.row);
          const line = starts.length && random() < 0.33
            ? Math.max(0, starts[Math.floor(random() * starts.length)] - Math.floor(random() * 2))
            : Math.floor(random() * lines.length);
          const character = Math.floor(random() * (lines[line].length + 1));
          const span = random() < 0.1 ? 1 + Math.floor(random() * 150) : 0; // sometimes delete many lines
          const endLine = Math.min(lines.length - 1, line + span);
          const endChar = span ? Math.floor(random() * (lines[endLine].length + 1)) : Math.min(lines[line].length, character + (random() < 0.3 ? 1 + Math.floor(random() * 4) : 0));
          const insert = random() < 0.2 ? '' : SNIPPETS[Math.floor(random() * SNIPPETS.length)];
          const treesBefore = new Set(edited.syntax.sections.map((s) => s.tree));
          edited.update([{ range: { start: { line, character }, end: { line: endLine, character: endChar } }, text: insert }]);
          text = edited.text;
          edits++;
          const fresh = ParsedScript.parse(text, { sections: edited.syntax.cuts });
          try {
            const where = `edit ${i} (${JSON.stringify(insert)} at ${line}:${character}-${endLine}:${endChar})`;
            assert.deepEqual(trees(edited), trees(fresh), `trees after ${where}`);
            const incremental = buildFacts(edited.syntax);
            shifted += edited.syntax.sections.filter((s) => treesBefore.has(s.tree)).length;
            assert.deepEqual(signature(incremental), signature(buildFacts(fresh.syntax)), `facts after ${where}`);
            const doc = ScriptDocument.fromPython('/tmp/trainlint-test/train.py', text);
            const a = lint({ doc, script: edited });
            const b = lint({ doc, script: fresh });
            assert.deepEqual(a.diagnostics, b.diagnostics, `diagnostics after ${where}`);
            assert.deepEqual(a.errors, []);
          } finally { fresh.dispose(); }
        }
      } finally { edited.dispose(); }
    }
    // The corpus is every rule fixture, so the count moves as fixtures are added: ask for more than one kept section per edit.
    assert.ok(edits === 240 && shifted > edits, `${edits} edits, ${shifted} sections kept across an edit`);
  });

  it('finds the enclosing function of every node as a walk up its parents does, also after edits', () => {
    const walkUp = (n: Node) => { for (let p = n.parent; p; p = p.parent) if (p.type === 'function_definition' || p.type === 'lambda') return p; return null; };
    const all = (n: Node, out: Node[] = []) => { out.push(n); for (const c of n.children) if (c) all(c, out); return out; };
    let checked = 0;
    for (const text of longScripts(2, 3 * SECTION_LINES)) {
      const script = ParsedScript.parse(text, { edited: true });
      try {
        for (let round = 0; round < 3; round++) {
          buildFacts(script.syntax);
          for (const root of script.syntax.roots) {
            for (const n of all(root)) {
              if (n.startIndex === n.endIndex) continue; // zero-width (missing) tokens sit on scope edges
              assert.equal(enclosingFunction(n)?.id ?? null, walkUp(n)?.id ?? null, `${n.type} at ${n.startPosition.row}:${n.startPosition.column}`);
              checked++;
            }
          }
          // Shift every section after the first by two lines and one character, then check again.
          script.update([{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '#\n\n' }]);
        }
      } finally { script.dispose(); }
    }
    assert.ok(checked > 10_000, `${checked} nodes`);
  });

  it('re-parses only the section a syntax-breaking keystroke falls in', () => {
    // Valid fixtures only, and the keystroke before a top-level statement inside the section (not its first line,
    // which would move the boundary; not inside a string): whatever fixtures exist, the error is that section's.
    const text = longScripts(1, 6 * SECTION_LINES, true)[0];
    const script = ParsedScript.parse(text, { edited: true });
    try {
      const sections = script.syntax.sections;
      assert.ok(sections.length >= 4);
      const target = sections[2];
      const statements = target.tree.rootNode.namedChildren.filter((c) => c && c.startPosition.column === 0);
      assert.ok(statements.length >= 2, 'section 2 holds two top-level statements');
      const line = statements[1]!.startPosition.row; // section trees hold the script's own rows
      const before = sections.map((s) => s.tree);
      script.update([{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: 'def (:\n' }]);
      const after = script.syntax.sections.map((s) => s.tree);
      assert.deepEqual(after.map((t, i) => t === before[i]), after.map((_, i) => i !== 2), 'only section 2 got a new tree');
      assert.equal(script.syntax.sections[2].tree.rootNode.hasError, true);
      // The error stays in its section: the others hold no error node they did not hold before.
      const fresh = ParsedScript.parse(script.text, { sections: script.syntax.cuts });
      try { assert.deepEqual(trees(script), trees(fresh)); } finally { fresh.dispose(); }
    } finally { script.dispose(); }
  });

  it('moves a boundary off an edited line and splits sections that grew large', () => {
    // A boundary whose two sections joined stay under the re-split size (3 × SECTION_LINES): which one that is, and in
    // which of the long scripts, depends on the fixtures (a broken one, such as an unclosed call, can leave a long
    // section that no cut splits).
    const shortBoundary = (p: ParsedScript) => {
      const sections = p.syntax.sections;
      return sections.findIndex((s, i) => i >= 2 && (sections[i + 1]?.row ?? p.source.lineCount) - sections[i - 1].row < 3 * SECTION_LINES);
    };
    let script: ParsedScript | undefined;
    let k = -1;
    for (const text of longScripts(4, 6 * SECTION_LINES)) {
      const candidate = ParsedScript.parse(text, { edited: true });
      k = shortBoundary(candidate);
      if (k > 0) { script = candidate; break; }
      candidate.dispose();
    }
    assert.ok(script && k > 0, 'a boundary between two short sections');
    try {
      const n = script.syntax.sections.length;
      const sections = script.syntax.sections;
      const boundary = sections[k].row;
      script.update([{ range: { start: { line: boundary, character: 0 }, end: { line: boundary, character: 0 } }, text: '    ' }]);
      assert.equal(script.syntax.sections.length, n - 1, 'the edited first line joined the section before');
      assert.ok(!script.syntax.sections.some((s) => s.row === boundary));
      const paste = longScripts(1, 8 * SECTION_LINES)[0];
      script.update([{ range: { start: { line: boundary + 1, character: 0 }, end: { line: boundary + 1, character: 0 } }, text: paste }]);
      const rows = script.syntax.sections.map((s) => s.row);
      const longest = Math.max(...rows.map((r, i) => (rows[i + 1] ?? script.source.lineCount) - r));
      assert.ok(longest < 3 * SECTION_LINES + paste.split('\n').length / 4, `longest section ${longest} lines`);
      assert.ok(script.syntax.sections.length > n + 3);
      const fresh = ParsedScript.parse(script.text, { sections: script.syntax.cuts });
      try { assert.deepEqual(trees(script), trees(fresh)); } finally { fresh.dispose(); }
    } finally { script.dispose(); }
  });

  it('stays consistent through deleting everything, pasting, replacing and multi-change updates', () => {
    // Valid fixtures: a fixture that is broken on purpose may keep the paste from being cut into sections.
    const text = longScripts(1, 6 * SECTION_LINES, true)[0];
    const script = ParsedScript.parse(text, { edited: true });
    const consistent = (what: string) => {
      const sections = script.syntax.sections;
      assert.equal(sections[0].start, 0, what);
      assert.equal(sections[sections.length - 1].end, script.text.length, what);
      sections.forEach((s, i) => i && assert.equal(sections[i - 1].end, s.start, what));
      const fresh = ParsedScript.parse(script.text, { sections: script.syntax.cuts });
      try { assert.deepEqual(trees(script), trees(fresh), what); } finally { fresh.dispose(); }
      const { errors } = lint({ doc: ScriptDocument.fromPython('/tmp/trainlint-test/train.py', script.text), script });
      assert.deepEqual(errors, [], what);
    };
    const at = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 0 } });
    try {
      script.update([{ range: { start: { line: 0, character: 0 }, end: { line: script.source.lineCount, character: 0 } }, text: '' }]);
      consistent('everything deleted');
      script.update([{ range: at(0), text }]);
      consistent('pasted back');
      assert.ok(script.syntax.sections.length >= 4, 'a large paste is split into sections');
      script.update([{ range: at(10), text: 'x = (\n' }, { range: at(400), text: '"""\n' }]);
      consistent('two changes in one update');
      script.update([{ range: at(50), text: '\r\n\r\nif x:\r\n    pass\r\n' }]);
      consistent('CRLF lines inserted');
      script.update([{ range: at(99_999), text: 'tail = 1\n' }]);
      consistent('inserted past the end');
      script.update([{ text: 'import os\n' }]);
      consistent('whole text replaced');
    } finally { script.dispose(); }
  });

  it('setText re-parses only the sections between the common prefix and suffix', () => {
    const text = longScripts(1, 6 * SECTION_LINES)[0];
    const script = ParsedScript.parse(text, { edited: true });
    try {
      const before = script.syntax.sections.map((s) => s.tree);
      const line = script.syntax.sections[2].row + 3;
      const lines = text.split('\n');
      lines[line] = lines[line] + '  # edited';
      script.setText(lines.join('\n'));
      assert.equal(script.text, lines.join('\n'));
      const kept = script.syntax.sections.filter((s) => before.includes(s.tree)).length;
      assert.equal(kept, before.length - 1, 'every section but the edited one keeps its tree');
      const fresh = ParsedScript.parse(script.text, { sections: script.syntax.cuts });
      try { assert.deepEqual(trees(script), trees(fresh)); } finally { fresh.dispose(); }
      script.setText('x = 1\n');
      assert.equal(script.text, 'x = 1\n');
    } finally { script.dispose(); }
  });

  it('cuts from the text only where a whole parse starts a top-level statement', () => {
    // Lines at column 0 that are not statement starts: inside strings, brackets, continued lines,
    // after a decorator, and clauses.
    const tricky = [
      'import os', 's = """', 'not_a_statement = 1', '"""', "t = 'it''s'  # don't", 'x = foo(', 'bar=1)',
      'y = 1 + \\', 'z', '@decorator', 'def f():', '    return 1', 'if x:', '    pass', 'else:', '    pass',
      'try:', '    pass', 'except E:', '    pass', 'finally:', '    pass', 'd = {', 'k: 1}', "r = rb'\\\\'", 'g = f"{x!r}"', 'last = 2',
    ].join('\n');
    const starts = (text: string) => {
      const whole = ParsedScript.parse(text);
      try {
        assert.equal(whole.hasSyntaxErrors, false, 'the tricky script is valid Python');
        return new Set(whole.syntax.roots[0].children.map((c) => c!.startIndex));
      } finally { whole.dispose(); }
    };
    const ok = starts(tricky);
    const cuts = textualCuts(tricky, 1);
    assert.ok(cuts.length >= 8, `${cuts.length} cuts`);
    for (const c of cuts) assert.ok(ok.has(c), `cut at ${JSON.stringify(tricky.slice(c, c + 20))} is not a statement start`);
    for (const bad of ['not_a_statement', 'bar=1)', 'z\n', 'def f', 'else:', 'except E', 'finally', 'k: 1']) {
      assert.ok(!cuts.includes(tricky.indexOf(bad)), `cut at ${bad}`);
    }
    // Real scripts: every textual cut is a statement start of the whole parse.
    for (const text of longScripts(3, 8 * SECTION_LINES, true)) {
      const valid = starts(text);
      const found = textualCuts(text, SECTION_LINES);
      assert.ok(found.length >= 4);
      for (const c of found) assert.ok(valid.has(c), `cut at ${JSON.stringify(text.slice(c, c + 30))}`);
    }
  });

  it('selects calls again only in the section an edit re-parsed, and all of them when the imports change', () => {
    const body = Array.from({ length: 6 * SECTION_LINES }, (_, i) => (i % 10 === 0 ? `cfg_${i} = SFTConfig(output_dir="o${i}")` : `x_${i} = helper_${i}(${i})`)).join('\n');
    const script = ParsedScript.parse(`from trl import SFTConfig\n${body}\n`, { edited: true });
    let asked = 0;
    const isTrlConfig = (c: CallFact) => { asked++; return c.qualified === 'trl.SFTConfig'; };
    try {
      const first = callsWhere(buildFacts(script.syntax), isTrlConfig);
      assert.equal(first.length, Math.ceil(6 * SECTION_LINES / 10));
      const all = asked;
      assert.equal(all, buildFacts(script.syntax).calls.length, 'the first selection asks of every call');
      // A keystroke in the middle of the script: only its section's calls are asked again.
      const line = 3 * SECTION_LINES + 2;
      asked = 0;
      script.update([{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: 'y = SFTConfig(output_dir="new")\n' }]);
      const facts = buildFacts(script.syntax);
      const second = callsWhere(facts, isTrlConfig);
      assert.equal(second.length, first.length + 1);
      assert.deepEqual(second.map((c) => c.node.startIndex), facts.calls.filter((c) => c.qualified === 'trl.SFTConfig').map((c) => c.node.startIndex), 'in document order, where they are now');
      assert.ok(asked > 0 && asked < all / 3, `${asked} of ${all} calls asked again`);
      // An import that changes what the calls are: every section selects again.
      asked = 0;
      script.update([{ range: { start: { line: 0, character: 5 }, end: { line: 0, character: 8 } }, text: 'mylib' }]);
      assert.equal(callsWhere(buildFacts(script.syntax), isTrlConfig).length, 0, 'SFTConfig is mylib\'s now');
      assert.ok(asked >= all, `${asked} of ${all} calls asked again`);
    } finally { script.dispose(); }
  });
  it('every selection test given to callsWhere/assignmentsWhere is a named function (each section keeps one entry per test)', () => {
    // An inline arrow would be a new key on every lint, and each section would keep them all while it lives.
    const src = join(__dirname, '..', '..', '..', 'server', 'src');
    const inline: string[] = [];
    const walk = (dir: string): void => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) { walk(p); continue; }
        if (!p.endsWith('.ts')) continue;
        const text = readFileSync(p, 'utf8');
        for (const m of text.matchAll(/\b(callsWhere|assignmentsWhere)\(\s*[^,()]+,\s*(\(|function\b|[A-Za-z_]\w*\s*=>)/g)) inline.push(`${p}: ${m[0]}`);
      }
    };
    walk(src);
    assert.deepEqual(inline, []);
  });
});
