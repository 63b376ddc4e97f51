/**
 * The dataset report request: runs the report in its own thread (never on the diagnostics path),
 * forwards partial reports as notifications, stops on the request's cancellation, and records a
 * finished report for TL111 — then re-lints the script so the diagnostic appears, and watches the
 * data files so it goes away when they change (an edit to the script makes it stale by itself).
 */
import { watch, type FSWatcher } from 'node:fs';
import type { CancellationToken, Connection } from 'vscode-languageserver';
import { forgetReports, recordReport } from '../engine/report/findings';
import type { PackageVersion } from '../engine/index';
import {
  DatasetReportProgressNotification, DatasetReportRequest,
  type DatasetReportParams, type DatasetReportProgress, type DatasetReportResult,
} from './protocol';
import { ReportHost } from './report-client';

export interface ReportDeps {
  /** The script (or notebook's joined code cells) a request is about, and the uri to re-lint. */
  scriptOf(uri: string): { path: string; text: string; lintUri: string; notebook: boolean } | undefined;
  env(path: string, uri: string): Promise<Array<[string, PackageVersion]>>;
  tokenizerDir(uri: string): Promise<string | undefined>;
  dataCwd(path: string, notebook: boolean): string | undefined;
  workspaceRoots(): string[];
  trusted(): boolean;
  relint(uri: string): void;
  log(msg: string): void;
}

export function registerDatasetReports(connection: Connection, deps: ReportDeps): { dispose(): void } {
  const host = new ReportHost(deps.log);
  /** Data-file watchers per script path (closed when the report is forgotten or replaced). */
  const watchers = new Map<string, FSWatcher[]>();
  const unwatch = (path: string) => { for (const w of watchers.get(path) ?? []) w.close(); watchers.delete(path); };

  function watchData(path: string, files: string[], lintUri: string): void {
    unwatch(path);
    const list: FSWatcher[] = [];
    for (const f of files.slice(0, 64)) {
      try {
        const w = watch(f, { persistent: false }, () => {
          unwatch(path);
          if (forgetReports(path)) deps.relint(lintUri);
        });
        w.on('error', () => undefined);
        list.push(w);
      } catch {
        // a file that cannot be watched: the finding stays until the script changes
      }
    }
    watchers.set(path, list);
  }

  connection.onRequest(DatasetReportRequest, async (p: DatasetReportParams, token: CancellationToken): Promise<DatasetReportResult> => {
    try {
      const script = deps.scriptOf(p.uri);
      if (!script) return { error: 'Open a Python script or notebook first.' };
      const result = await host.run({
        path: script.path, text: script.text, env: await deps.env(script.path, p.uri), cwd: deps.dataCwd(script.path, script.notebook) ?? '',
        workspaceRoots: deps.workspaceRoots(), trusted: deps.trusted(), trainer: p.trainer, approximate: p.approximate, tokenizerDir: await deps.tokenizerDir(p.uri),
      }, (report) => void connection.sendNotification(DatasetReportProgressNotification, { id: p.id, report } satisfies DatasetReportProgress),
      (cancel) => token.onCancellationRequested(cancel));
      if ('report' in result && result.report.done && !result.report.approximate) {
        recordReport(script.path, script.text, result.report);
        watchData(script.path, result.report.files, script.lintUri);
        deps.relint(script.lintUri);
      }
      return result;
    } catch (e) {
      deps.log(`[datasetReport] ${(e as Error)?.stack ?? e}`);
      return { error: 'internal error, see the trainlint output' };
    }
  });

  return { dispose: () => { for (const p of [...watchers.keys()]) unwatch(p); host.dispose(); } };
}
