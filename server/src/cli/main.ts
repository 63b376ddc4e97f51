/**
 * trainlint CLI: `check`, `fix`, `rule`, `preview-masking`, `server --stdio`.
 * Exit codes: 0 clean, 1 a finding at or above `--fail-on` remains, 2 usage or internal errors.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { ALL_RULES } from '../engine/index';
import { shutdownIsolation } from '../engine/data/index';
import { ruleMarkdown, ruleSummary } from '../engine/rules/docs-text';
import { docsUrl } from '../engine/rules/rule';
import { checkSelectors } from '../engine/lint/selectors';
import { COMMANDS, parseCommand, SEVERITIES, USAGE, UsageError, type Options } from './args';
import { exitQuietlyOnClosedStdout, expandPaths } from './files';
import { appliedFixesText, statistics, statisticsText, toJson, toText } from './format';
import { projectRoot, rootRelative, toGithub, toGitlab, toJunit } from './format-ci';
import { toSarif } from './format-sarif';
import type { FileResult, FileTask } from './lint-file';
import { runTasks } from './pool';
import { WARM_EVENT } from '../launch/cached-load';
import { WalkFilter } from './walk-filter';
import { version } from '../../../package.json';

const out = (s: string) => process.stdout.write(s.endsWith('\n') || s === '' ? s : `${s}\n`);
const err = (s: string) => process.stderr.write(`${s}\n`);

/** Severity rank: a finding fails the run when its rank is at least `--fail-on`'s. */
const rank = (s: string) => SEVERITIES.length - SEVERITIES.indexOf(s as (typeof SEVERITIES)[number]);

function validateSelectors(o: Options): void {
  for (const [flag, list] of [['--select', o.select], ['--extend-select', o.extendSelect], ['--ignore', o.ignore]] as const) {
    const problem = checkSelectors(list)[0];
    if (problem) throw new UsageError(`${flag}: ${problem}`);
  }
}

/** Where the report goes: standard output, or the lines kept for `--output-file`. */
type Write = (s: string) => void;

/** `-o FILE`: the report's lines, written once the run is over (folders made as needed). */
function outputFile(path: string): { write: Write; close: () => void } {
  const lines: string[] = [];
  return {
    write: (s) => lines.push(s.endsWith('\n') || s === '' ? s : `${s}\n`),
    close: () => {
      try {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, lines.join(''));
      } catch (e) {
        throw new UsageError(`--output-file: cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
    },
  };
}

function writeReport(o: Options, results: FileResult[], mode: 'check' | 'fix', write: Write): void {
  const cwd = process.cwd();
  if (o.statistics) {
    const stats = statistics(results, o.unsafe);
    write(o.format === 'json' ? JSON.stringify(stats, null, 2) : statisticsText(stats));
    return;
  }
  const root = projectRoot(cwd);
  switch (o.format) {
    case 'json': write(JSON.stringify(toJson(results), null, 2)); return;
    case 'sarif': write(JSON.stringify(toSarif(results, root, version), null, 2)); return;
    case 'github': write(toGithub(results, root)); return;
    case 'gitlab': write(JSON.stringify(toGitlab(results, root), null, 2)); return;
    case 'junit': write(toJunit(results, root)); return;
    default: {
      if (mode === 'fix' && !o.quiet && !o.diff) {
        const fixed = results.reduce((n, r) => n + (r.fixed ?? 0), 0);
        write(`Applied ${fixed} fix${fixed === 1 ? '' : 'es'}${o.unsafe ? '' : ' (safe only; --unsafe-fixes for the rest)'}.`);
        if (o.showFixes) appliedFixesText(results, cwd).forEach((l) => write(l));
      }
      const text = toText(results, cwd, { style: o.format, showFixes: o.showFixes && mode === 'check', quiet: o.quiet, unsafe: o.unsafe });
      if (text) write(text);
    }
  }
}

async function lintCommand(o: Options, mode: 'check' | 'fix'): Promise<number> {
  validateSelectors(o);
  const stdin = o.paths[0] === '-';
  for (const p of o.paths) {
    if (p !== '-' && !existsSync(p)) throw new UsageError(`${p}: no such file or directory (\`trainlint ${mode}\` takes Python scripts, notebooks, folders, or - for standard input)`);
  }
  if (o.diff && o.format !== 'text') throw new UsageError('--diff prints a unified diff; it takes no --format');
  const base = { mode, unsafe: o.unsafe, select: o.select, extendSelect: o.extendSelect, ignore: o.ignore, addNoqa: o.addNoqa, python: o.python } as const;
  let tasks: FileTask[];
  let errors: string[] = [];
  if (stdin) {
    const path = resolve(o.stdinFilename ?? 'stdin.py');
    tasks = [{ ...base, path, text: readFileSync(0, 'utf8'), write: false, wantText: true }];
  } else {
    const expanded = expandPaths(o.paths);
    errors = expanded.errors;
    // Files found by walking a folder honour exclude / extend-exclude / .gitignore; named files are always checked.
    const named = new Set(o.paths.map((p) => resolve(p)));
    const filter = new WalkFilter({ exclude: o.exclude, extendExclude: o.extendExclude });
    tasks = expanded.files.filter((f) => named.has(f) || !filter.excluded(f)).map((path) => ({ ...base, path, write: !o.diff, wantText: o.format === 'full' || o.diff }));
  }
  const all = await runTasks(tasks, o.jobs);
  linted ||= tasks.length > 0;
  // Files not checked (not regular, too large, unreadable, bad notebooks) are said so, never "passed".
  const results = all.filter((r) => !r.skipped);
  // A config problem shows once, not once per file under it.
  const internal = [...new Set([...errors, ...all.flatMap((r) => [...r.errors, ...(r.skipped ? [`${r.path}: ${r.skipped}`] : []), ...(r.notWritten ? [`${r.path}: fixes not written: ${r.notWritten}`] : [])])])];
  const changed = results.filter((r) => r.before !== undefined && r.after !== undefined && r.before !== r.after);
  const file = o.outputFile ? outputFile(o.outputFile) : undefined;
  const report: Write = file?.write ?? out;
  if (mode === 'fix' && o.diff) {
    for (const r of changed) {
      const name = rootRelative(process.cwd(), r.path);
      out(createTwoFilesPatch(`a/${name}`, `b/${name}`, r.before!, r.after!, '', '', { context: 3, headerOptions: FILE_HEADERS_ONLY }));
    }
    const fixes = changed.reduce((n, r) => n + (r.fixed ?? 0), 0);
    if (!o.quiet) err(`${changed.length} file${changed.length === 1 ? '' : 's'} would be changed (${fixes} fix${fixes === 1 ? '' : 'es'}); nothing written.`);
  } else if (mode === 'fix' && stdin) {
    // Like formatters: the fixed script on standard output, byte for byte (no newline added at its end), the report on
    // standard error. A script that was not fixed (skipped, an internal error) comes back as it was read: an editor
    // that replaces its buffer with the output must never get an empty one.
    process.stdout.write(results[0]?.after ?? tasks[0].text ?? '');
    writeReport(o, results, mode, err);
  } else if (o.addNoqa) {
    const added = results.reduce((n, r) => n + (r.noqa?.added ?? 0), 0);
    const skipped = results.reduce((n, r) => n + (r.noqa?.skipped ?? 0), 0);
    report(`Added ${added} noqa comment${added === 1 ? '' : 's'}${skipped ? ` (${skipped} line${skipped === 1 ? '' : 's'} inside multi-line strings or continued by a backslash skipped)` : ''}.`);
    if (!o.quiet) writeReport(o, results, mode, report);
  } else if (results.length === 0 && all.length > 0 && ['text', 'full', 'concise'].includes(o.format)) {
    report('No files checked.');
  } else {
    writeReport(o, results, mode, report);
  }
  file?.close();
  for (const r of results) for (const n of r.notes ?? []) err(`trainlint: ${n}`);
  for (const e of internal) err(`trainlint: ${e}`);
  if (internal.length) return 2;
  if (o.exitZero) return 0;
  const failing = results.some((r) => r.diagnostics.some((d) => rank(d.severity) >= rank(o.failOn)));
  return failing || (o.diff && changed.length > 0) ? 1 : 0;
}

function ruleCommand(o: Options): number {
  if (o.all) {
    if (o.format === 'json') out(JSON.stringify(ALL_RULES.map(ruleJson), null, 2));
    else for (const r of ALL_RULES) out(`${r.code}  ${r.name}  (${r.severity})`);
    return 0;
  }
  if (o.paths.length !== 1) throw new UsageError('rule needs one CODE or NAME (`trainlint rule --all` lists them)');
  const arg = o.paths[0];
  const r = ALL_RULES.find((x) => x.code === arg.toUpperCase() || x.name === arg);
  if (!r) {
    const problem = checkSelectors([arg])[0] ?? `no rule ${arg}`;
    throw new UsageError(`${problem.replace(/ matches no rule/, ' is not a rule')} (\`trainlint rule --all\` lists them)`);
  }
  out(o.format === 'json' ? JSON.stringify(ruleJson(r), null, 2) : ruleMarkdown(r));
  return 0;
}

function ruleJson(r: (typeof ALL_RULES)[number]) {
  return { code: r.code, name: r.name, severity: r.severity, fix: r.fix, summary: ruleSummary(r), url: docsUrl(r.code), docs: ruleMarkdown(r) };
}

const HELP_OF: Record<string, string> = {
  check: 'check', fix: 'fix', rule: 'rule', 'preview-masking': 'preview-masking', report: 'report', server: 'server',
};

async function main(argv: string[]): Promise<number> {
  exitQuietlyOnClosedStdout();
  const [command, ...rest] = argv;
  try {
    if (command in COMMANDS && (rest.includes('--help') || rest.includes('-h'))) { out(USAGE); return 0; }
    switch (command) {
      case 'check': { const o = parseCommand('check', rest); return await lintCommand(o, o.fix ? 'fix' : 'check'); }
      case 'fix': return await lintCommand(parseCommand('fix', rest), 'fix');
      case 'rule': return ruleCommand(parseCommand('rule', rest));
      case 'preview-masking': {
        const o = parseCommand('preview-masking', rest);
        if (o.paths.length !== 1) throw new UsageError('preview-masking needs exactly one FILE');
        const { previewMaskingCommand } = await import('./preview-masking');
        return await previewMaskingCommand({ file: o.paths[0], rows: o.rows ?? 3, format: o.format === 'json' ? 'json' : 'text', trainer: o.trainer, tokenizer: o.tokenizer, python: o.python });
      }
      case 'report': {
        const { reportCommand, ReportUsageError } = await import('./report');
        try { return await reportCommand(rest); } catch (e) { if (e instanceof ReportUsageError) throw new UsageError(e.message); throw e; }
      }
      case 'server': {
        const o = parseCommand('server', rest);
        if (!o.stdio || o.paths.length) throw new UsageError('server needs --stdio (and no paths)');
        const { createConnection, ProposedFeatures } = await import('vscode-languageserver/node');
        const { startServer } = await import('../lsp/server');
        const { serverTransport } = await import('../lsp/transport');
        const wire = serverTransport(['--stdio'])!;
        startServer(createConnection(ProposedFeatures.all, wire.reader, wire.writer));
        return -1; // keep running
      }
      case '--version': case '-V': out(`trainlint ${version}`); return 0;
      case undefined: case '--help': case '-h': case 'help':
        out(USAGE);
        return command === undefined ? 2 : 0;
      default: {
        const { closest } = await import('../engine/lint/spelling');
        const near = command.startsWith('-') ? undefined : closest(command, Object.keys(HELP_OF));
        throw new UsageError(`unknown command "${command}"${near ? ` (did you mean \`trainlint ${near}\`?)` : ''}`);
      }
    }
  } catch (e) {
    if (e instanceof UsageError) { err(`trainlint: ${e.message}\nRun \`trainlint --help\` for usage.`); return 2; }
    err(`trainlint: internal error: ${(e as Error)?.stack ?? e}`);
    return 2;
  }
}

/** Files were linted in this run: its compiled code is worth keeping (launch/cached-load.ts). */
let linted = false;

void main(process.argv.slice(2)).then(async (code) => {
  if (code < 0) return; // the language server keeps running
  await shutdownIsolation(); // the Parquet/Arrow decoder thread must not keep the process alive
  if (linted) (process as NodeJS.EventEmitter).emit(WARM_EVENT); // files were linted: keep the compiled code (launch/)
  process.exitCode = code;
});
