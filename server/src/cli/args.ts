/**
 * Strict argument parsing per subcommand (node:util parseArgs): an unknown flag, a flag of another
 * subcommand or a bad value is a usage error that says what to type instead.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { existsSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { closest } from '../engine/lint/spelling';

export class UsageError extends Error {}

export const FORMATS = ['text', 'full', 'concise', 'json', 'sarif', 'github', 'gitlab', 'junit'] as const;
export type Format = (typeof FORMATS)[number];
export const SEVERITIES = ['error', 'warning', 'information', 'hint'] as const;
export type FailOn = (typeof SEVERITIES)[number];

type Spec = NonNullable<ParseArgsConfig['options']>;

const LINT: Spec = {
  format: { type: 'string' }, 'output-format': { type: 'string' }, select: { type: 'string', multiple: true }, 'extend-select': { type: 'string', multiple: true },
  ignore: { type: 'string', multiple: true }, jobs: { type: 'string' }, 'fail-on': { type: 'string' }, 'exit-zero': { type: 'boolean' },
  'stdin-filename': { type: 'string' }, statistics: { type: 'boolean' }, 'show-fixes': { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' }, 'unsafe-fixes': { type: 'boolean' }, python: { type: 'string' },
  exclude: { type: 'string', multiple: true }, 'extend-exclude': { type: 'string', multiple: true }, 'output-file': { type: 'string', short: 'o' },
};

export const COMMANDS: Record<string, Spec> = {
  check: { ...LINT, 'add-noqa': { type: 'boolean' }, fix: { type: 'boolean' } },
  fix: { ...LINT, diff: { type: 'boolean' } },
  rule: { all: { type: 'boolean' }, format: { type: 'string' } },
  'preview-masking': { rows: { type: 'string' }, format: { type: 'string' }, trainer: { type: 'string' }, tokenizer: { type: 'string' }, python: { type: 'string' } },
  server: { stdio: { type: 'boolean' } },
};

export interface Options {
  paths: string[];
  format: Format;
  select: string[];
  extendSelect: string[];
  ignore: string[];
  unsafe: boolean;
  all: boolean;
  jobs?: number;
  failOn: FailOn;
  exitZero: boolean;
  stdinFilename?: string;
  statistics: boolean;
  showFixes: boolean;
  quiet: boolean;
  diff: boolean;
  addNoqa: boolean;
  /** `check --fix` (Ruff's spelling of `fix`). */
  fix: boolean;
  /** `--exclude`: globs that replace every config's `exclude` for the folder walk (undefined: not given). */
  exclude?: string[];
  /** `--extend-exclude`: globs added to the configs' exclusions. */
  extendExclude: string[];
  /** `-o, --output-file`: the report goes to this file instead of standard output. */
  outputFile?: string;
  rows?: number;
  trainer?: number;
  tokenizer?: string;
  /** `--python`: the interpreter whose installed packages give the versions (its environment's site-packages). */
  python?: string;
  stdio: boolean;
}

/** `--python PATH`: an existing file (an interpreter; `.venv/bin/python` is usually a link), made absolute. */
function interpreter(path: string): string {
  const abs = resolvePath(path);
  if (!path || !existsSync(abs)) throw new UsageError(`--python: no interpreter at "${path}" (give the path of the Python whose packages CI installs, e.g. \`--python "$(which python)"\`)`);
  return abs;
}

function integer(flag: string, v: string, min: number): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${flag} needs an integer ≥ ${min}, not "${v}"`);
  return n;
}

function oneOf<T extends string>(flag: string, v: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(v)) return v as T;
  const near = closest(v, allowed);
  throw new UsageError(`--${flag} must be one of ${allowed.join(', ')}, not "${v}"${near ? ` (did you mean ${near}?)` : ''}`);
}

/** The flag names of `args` (before `--`) that `command` does not take, explained. */
function checkFlags(command: string, args: string[]): void {
  const spec = COMMANDS[command];
  const shorts = new Map(Object.entries(spec).flatMap(([k, v]) => (v.short ? [[v.short, k]] : [])));
  for (const a of args) {
    if (a === '--') break;
    if (a === '-' || !a.startsWith('-')) continue;
    if (!a.startsWith('--')) {
      for (const ch of a.slice(1)) if (!shorts.has(ch)) throw new UsageError(`${command}: unknown option -${ch}${shorts.size ? ` (${command} takes ${[...shorts.keys()].map((s) => `-${s}`).join(', ')})` : ''}`);
      continue;
    }
    const name = a.slice(2).split('=')[0];
    if (name in spec) continue;
    const owners = Object.keys(COMMANDS).filter((c) => name in COMMANDS[c]);
    if (owners.length) throw new UsageError(`--${name} is an option of ${owners.map((c) => `\`trainlint ${c}\``).join(' and ')}, not of \`trainlint ${command}\``);
    const near = closest(name, Object.keys(spec));
    throw new UsageError(`${command}: unknown option --${name}${near ? ` (did you mean --${near}?)` : ''}; \`trainlint ${command} --help\` lists the options`);
  }
}

/** Comma-separated lists given once or repeated: `--select TL0,TL1 --select TL6`. */
const list = (v: unknown): string[] => ((v as string[] | undefined) ?? []).flatMap((x) => x.split(',')).map((x) => x.trim()).filter(Boolean);

export function parseCommand(command: string, args: string[]): Options {
  checkFlags(command, args);
  let parsed;
  try {
    parsed = parseArgs({ args, options: COMMANDS[command], allowPositionals: true, strict: true });
  } catch (e) {
    // Left for parseArgs: a value missing after a flag, a value given to a switch.
    throw new UsageError(`${command}: ${(e as Error).message.replace(/\s+To specify.*$/s, '')}`);
  }
  const v = parsed.values as Record<string, string | boolean | string[] | undefined>;
  const str = (k: string) => v[k] as string | undefined;
  const formats: readonly Format[] = command === 'check' || command === 'fix' ? FORMATS : ['text', 'json'];
  // `--output-format` is Ruff's name for `--format`.
  if (str('format') && str('output-format') && str('format') !== str('output-format')) throw new UsageError('--format and --output-format name the same option; give one');
  const format = str('format') ?? str('output-format');
  const o: Options = {
    paths: parsed.positionals,
    format: format ? oneOf(str('format') ? 'format' : 'output-format', format, formats) : 'text',
    select: list(v.select), extendSelect: list(v['extend-select']), ignore: list(v.ignore),
    unsafe: !!v['unsafe-fixes'], all: !!v.all, failOn: 'warning', exitZero: !!v['exit-zero'],
    stdinFilename: str('stdin-filename'), statistics: !!v.statistics, showFixes: !!v['show-fixes'], quiet: !!v.quiet,
    diff: !!v.diff, addNoqa: !!v['add-noqa'], fix: !!v.fix, tokenizer: str('tokenizer'), stdio: !!v.stdio,
    extendExclude: list(v['extend-exclude']),
  };
  if (v.exclude !== undefined) o.exclude = list(v.exclude);
  if (str('output-file') !== undefined) {
    if (!str('output-file')) throw new UsageError('--output-file needs a file name');
    o.outputFile = resolvePath(str('output-file')!);
  }
  if (str('fail-on')) o.failOn = oneOf('fail-on', str('fail-on') === 'info' ? 'information' : str('fail-on')!, SEVERITIES);
  if (str('jobs')) o.jobs = integer('jobs', str('jobs')!, 1);
  if (str('rows')) o.rows = integer('rows', str('rows')!, 1);
  if (str('trainer')) o.trainer = integer('trainer', str('trainer')!, 0);
  if (str('python') !== undefined) o.python = interpreter(str('python')!);
  if (o.paths.includes('-') && o.paths.length > 1) throw new UsageError('`-` (standard input) cannot be combined with other paths');
  if (o.stdinFilename && !o.paths.includes('-')) o.paths = o.paths.length ? o.paths : ['-'];
  if (o.stdinFilename && o.paths[0] !== '-') throw new UsageError('--stdin-filename goes with `-` (read the script from standard input)');
  if (o.fix && o.addNoqa) throw new UsageError('--fix and --add-noqa both write the files; run one, then the other');
  if (o.addNoqa && o.paths.includes('-')) throw new UsageError('--add-noqa writes files; it cannot read standard input');
  if (o.statistics && o.format !== 'text' && o.format !== 'json') throw new UsageError('--statistics prints text or json, not ' + o.format);
  if (o.outputFile && (o.diff || (o.fix && o.paths[0] === '-') || (command === 'fix' && o.paths[0] === '-'))) throw new UsageError('--output-file takes the report; --diff and fixing standard input print their result on standard output');
  return o;
}

export const USAGE = `Usage:
  trainlint check [PATH...] [options]       report findings (PATH: files or folders; - reads standard input)
  trainlint fix [PATH...] [options]         apply safe fixes (--unsafe-fixes for all; --diff to only show them)
  trainlint rule CODE|NAME [--format text|json]
  trainlint rule --all [--format text|json]
  trainlint preview-masking FILE [--rows N] [--format text|json] [--trainer N] [--tokenizer DIR] [--python PATH]
  trainlint report FILE [--trainer N] [--format text|json] [--rows N] [--approximate] [--tokenizer DIR]
                                             every row of the trainer's dataset (docs/dataset-report.md)
  trainlint server --stdio                   the language server for any LSP editor

Options of check and fix:
  --format FORMAT        text (default), full (source line and caret), concise, json, sarif (SARIF 2.1.0),
                         github (workflow annotations), gitlab (Code Quality), junit (--output-format: the same)
  --select CODES         only these codes or prefixes (comma-separated; replaces the project's select)
  --extend-select CODES  add codes to the project's select
  --ignore CODES         codes or prefixes to skip (added to the project's ignore)
  --fail-on SEVERITY     exit 1 when a finding at or above error|warning|information|hint remains (default warning)
  --exit-zero            exit 0 even when findings remain (usage and internal errors still exit 2)
  -o, --output-file PATH write the report to PATH (created or replaced) instead of standard output
  --exclude GLOBS        files or folders a folder walk skips, in place of the configs' exclude (relative to here)
  --extend-exclude GLOBS files or folders a folder walk skips, added to the configs' (comma-separated, repeatable)
  --statistics           a count per code instead of each finding
  --show-fixes           list the fix each finding offers (check) or each fix applied (fix)
  -q, --quiet            findings only: no summary line
  --stdin-filename PATH  the name of the script read from standard input (for config and messages)
  --jobs N               threads that lint, this one included (default: one per core)
  --python PATH          read library versions from this interpreter's installed packages (e.g. "$(which python)"),
                         before requirements files and pins
  --unsafe-fixes         fix: apply unsafe fixes too; check: count them as fixable
  --fix                  check: apply the safe fixes, then report what remains (the same as \`trainlint fix\`)
  --add-noqa             check: add \`# noqa: CODE\` to each line with a finding
  --diff                 fix: print a unified diff of the fixes and write nothing

Configuration: [tool.trainlint] in pyproject.toml or trainlint.toml, nearest to each file.
Exit codes: 0 clean, 1 a finding at or above --fail-on remains (fix --diff: or a fix would apply), 2 usage or internal error.`;
