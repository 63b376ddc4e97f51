/**
 * Problems in pyproject.toml / trainlint.toml ([tool.trainlint]: unknown keys, wrong types, codes that
 * match no rule) shown on their line in the config file itself, published when a script under it is
 * linted and cleared when the files change.
 */
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Connection, type Diagnostic } from 'vscode-languageserver';
import type { ConfigProblem } from '../engine/index';

export class ConfigDiagnostics {
  /** Config file URI → the problems last published for it (as a key). */
  private readonly published = new Map<string, string>();

  constructor(private readonly connection: Pick<Connection, 'sendDiagnostics'>) {}

  /** Publish the problems of one project context (each config file once, until its problems change). */
  note(problems: readonly ConfigProblem[] | undefined): void {
    if (!problems?.length) return;
    const byFile = new Map<string, ConfigProblem[]>();
    for (const p of problems) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
    for (const [file, ps] of byFile) {
      const uri = pathToFileURL(file).toString();
      const key = JSON.stringify(ps);
      if (this.published.get(uri) === key) continue;
      this.published.set(uri, key);
      this.connection.sendDiagnostics({ uri, diagnostics: ps.map(toDiagnostic) });
    }
  }

  /** Project files changed: clear what was shown; the re-lint that follows publishes what remains. */
  reset(): void {
    for (const uri of this.published.keys()) this.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.published.clear();
  }
}

function toDiagnostic(p: ConfigProblem): Diagnostic {
  return {
    range: { start: { line: p.line, character: 0 }, end: { line: p.line, character: p.length ?? 1000 } },
    severity: DiagnosticSeverity.Error,
    source: 'trainlint',
    message: p.message,
  };
}
