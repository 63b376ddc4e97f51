/**
 * trainlint CLI: `check`, `fix`, `rule`, `server --stdio` (and `preview-masking` once available).
 * Exit codes: 0 clean, 1 findings, 2 usage or internal errors.
 */
import { ALL_RULES } from '../engine/index';
import { shutdownIsolation } from '../engine/data/index';
import { expandPaths } from './files';
import { toJson, toText } from './format';
import type { FileTask } from './lint-file';
import { runTasks } from './pool';

const USAGE = `Usage:
  trainlint check [PATH...] [--format text|json] [--select CODES] [--ignore CODES]
  trainlint fix [PATH...] [--unsafe-fixes] [--select CODES] [--ignore CODES]
  trainlint rule CODE | --all
  trainlint preview-masking FILE [--rows N] [--format text|json] [--trainer N] [--tokenizer DIR]
  trainlint server --stdio
Exit codes: 0 clean, 1 problems found, 2 usage or internal error.`;

class UsageError extends Error {}

interface Options { paths: string[]; format: 'text' | 'json'; unsafe: boolean; select: string[]; ignore: string[]; all: boolean; jobs?: number; rows?: number; trainer?: number; tokenizer?: string }

function positive(flag: string, v: string, min = 1): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag} needs an integer ≥ ${min}, not "${v}"`);
  return n;
}

function parseArgs(args: string[]): Options {
  const o: Options = { paths: [], format: 'text', unsafe: false, select: [], ignore: [], all: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--format' || a.startsWith('--format=')) {
      const v = value();
      if (v !== 'text' && v !== 'json') throw new UsageError(`--format must be text or json, not "${v}"`);
      o.format = v;
    } else if (a === '--unsafe-fixes') o.unsafe = true;
    else if (a === '--all') o.all = true;
    else if (a === '--select' || a.startsWith('--select=')) o.select.push(...value().split(',').filter(Boolean));
    else if (a === '--ignore' || a.startsWith('--ignore=')) o.ignore.push(...value().split(',').filter(Boolean));
    else if (a === '--jobs' || a.startsWith('--jobs=')) o.jobs = positive(a, value());
    else if (a === '--rows' || a.startsWith('--rows=')) o.rows = positive(a, value());
    else if (a === '--trainer' || a.startsWith('--trainer=')) o.trainer = positive(a, value(), 0);
    else if (a === '--tokenizer' || a.startsWith('--tokenizer=')) o.tokenizer = value();
    else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
    else o.paths.push(a);
  }
  return o;
}

async function check(o: Options, mode: 'check' | 'fix'): Promise<number> {
  const { files, errors } = expandPaths(o.paths);
  const tasks: FileTask[] = files.map((path) => ({ path, mode, unsafe: o.unsafe, select: o.select, ignore: o.ignore }));
  const results = await runTasks(tasks, o.jobs);
  const internal = [...errors, ...results.flatMap((r) => r.errors)];
  if (o.format === 'json') process.stdout.write(`${JSON.stringify(toJson(results), null, 2)}\n`);
  else {
    if (mode === 'fix') {
      const fixed = results.reduce((n, r) => n + (r.fixed ?? 0), 0);
      process.stdout.write(`Applied ${fixed} fix${fixed === 1 ? '' : 'es'}${o.unsafe ? '' : ' (safe only; --unsafe-fixes for the rest)'}.\n`);
    }
    process.stdout.write(`${toText(results, process.cwd())}\n`);
  }
  for (const e of internal) process.stderr.write(`trainlint: ${e}\n`);
  if (files.length === 0 && errors.length) return 2;
  if (internal.length) return 2;
  return results.some((r) => r.diagnostics.length) ? 1 : 0;
}

function rule(o: Options): number {
  if (o.all) {
    for (const r of ALL_RULES) process.stdout.write(`${r.code}  ${r.name}  (${r.severity})\n`);
    return 0;
  }
  const code = o.paths[0]?.toUpperCase();
  const r = ALL_RULES.find((x) => x.code === code || x.name === o.paths[0]);
  if (!r) throw new UsageError(code ? `no rule ${code} (trainlint rule --all lists them)` : 'rule needs a CODE');
  process.stdout.write(`# ${r.code} ${r.name}\n\nDefault severity: ${r.severity}. Fix: ${r.fix}.\n\n${r.docs.trim()}\n`);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'check': return await check(parseArgs(rest), 'check');
      case 'fix': return await check(parseArgs(rest), 'fix');
      case 'rule': return rule(parseArgs(rest));
      case 'preview-masking': {
        const o = parseArgs(rest);
        if (o.paths.length !== 1) throw new UsageError('preview-masking needs exactly one FILE');
        const { previewMaskingCommand } = await import('./preview-masking');
        return await previewMaskingCommand({ file: o.paths[0], rows: o.rows ?? 3, format: o.format, trainer: o.trainer, tokenizer: o.tokenizer });
      }
      case 'server': {
        if (!rest.includes('--stdio')) throw new UsageError('server needs --stdio');
        const { createConnection, ProposedFeatures } = await import('vscode-languageserver/node');
        const { startServer } = await import('../lsp/server');
        startServer(createConnection(ProposedFeatures.all));
        return -1; // keep running
      }
      case '--version': case '-V': process.stdout.write('trainlint 0.1.0\n'); return 0;
      case undefined: case '--help': case '-h': case 'help':
        process.stdout.write(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default: throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) { process.stderr.write(`trainlint: ${e.message}\n\n${USAGE}\n`); return 2; }
    process.stderr.write(`trainlint: internal error: ${(e as Error)?.stack ?? e}\n`);
    return 2;
  }
}

void main(process.argv.slice(2)).then(async (code) => {
  if (code < 0) return; // the language server keeps running
  await shutdownIsolation(); // the Parquet/Arrow decoder thread must not keep the process alive
  process.exitCode = code;
});
