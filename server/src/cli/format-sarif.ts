/**
 * SARIF 2.1.0 (OASIS): one run with every rule (summary, full docs as help, help URI, default level),
 * each finding with its region, related locations and fixes, artifact locations relative to the
 * project root (`%SRCROOT%`). Validated against the official schema in test/unit/cli-sarif.test.ts.
 */
import { pathToFileURL } from 'node:url';
import { ALL_RULES, type Diagnostic, type Range } from '../engine/index';
import { docsUrl } from '../engine/rules/rule';
import { docsSection, ruleMarkdown, ruleSummary } from '../engine/rules/docs-text';
import { rootRelative } from './format-ci';
import type { FileResult } from './lint-file';

const LEVEL: Record<Diagnostic['severity'], string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

function region(r: Range) {
  return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

export function toSarif(results: FileResult[], root: string, version: string): unknown {
  const rules = ALL_RULES.map((r) => ({
    id: r.code,
    name: r.name,
    shortDescription: { text: ruleSummary(r) },
    fullDescription: { text: docsSection(r, 'What it does').replace(/\s+/g, ' ') },
    help: { text: ruleMarkdown(r), markdown: ruleMarkdown(r) },
    helpUri: docsUrl(r.code),
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: { tags: [r.code.slice(0, 3) + 'xx'] },
  }));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const artifact = (path: string) => {
    const rel = rootRelative(root, path);
    return rel.startsWith('../') || rel === path ? { uri: pathToFileURL(path).href } : { uri: encodeURI(rel), uriBaseId: '%SRCROOT%' };
  };
  const out: unknown[] = [];
  for (const r of results) {
    const location = artifact(r.path);
    for (const [i, d] of r.diagnostics.entries()) {
      const cell = r.cells?.[i];
      // A notebook's script lines are not lines of the .ipynb JSON: name the cell, give no region.
      const physical = cell ? { artifactLocation: location } : { artifactLocation: location, region: region(d.range) };
      const result: Record<string, unknown> = {
        ruleId: d.code,
        ...(index.has(d.code) ? { ruleIndex: index.get(d.code) } : {}),
        level: LEVEL[d.severity],
        message: { text: cell ? `cell ${cell.cell + 1}, line ${cell.range.start.line + 1}: ${d.message}` : d.message },
        locations: [{ physicalLocation: physical }],
      };
      if (!cell && d.related.length) {
        result.relatedLocations = d.related.map((x, id) => ({
          id, message: { text: x.message },
          physicalLocation: { artifactLocation: x.path ? artifact(x.path) : location, region: region(x.range) },
        }));
      }
      if (!cell && d.fixes.length) {
        result.fixes = d.fixes.map((f) => ({
          description: { text: `${f.title} (${f.applicability})` },
          artifactChanges: [{
            artifactLocation: location,
            replacements: f.edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
          }],
        }));
      }
      out.push(result);
    }
  }
  return {
    $schema: 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'trainlint', version, semanticVersion: version, informationUri: 'https://github.com/trainlint/trainlint', rules } },
      originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(root.endsWith('/') ? root : `${root}/`).href } },
      columnKind: 'utf16CodeUnits',
      results: out,
    }],
  };
}
