/**
 * Loads a bundle through V8's code cache, so a process that starts again does not compile its
 * megabyte of JavaScript again. The first run compiles as usual; once the process is warm (the CLI
 * after its lint, the server shortly after its first lint) the compiled code, including the functions
 * that ran, is written next to the user's caches; later runs hand it back to V8, which checks it against
 * the source and its own version and falls back to compiling when it does not match. A process that
 * ends before it is warm writes nothing: its few compiled functions would make every later start of that
 * build compile the rest again (a cache is never replaced while V8 accepts it).
 *
 * Every failure (no cache folder, a read-only disk, a rejected cache) only means compiling as usual:
 * this module must never stop trainlint from starting. `TRAINLINT_NO_COMPILE_CACHE=1` turns it off.
 */
import { mkdirSync, readFileSync, renameSync, statSync, utimes, writeFileSync } from 'node:fs';
import { isAscii } from 'node:buffer';
import Module, { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { pruneCacheFolder, trainlintCacheDir } from './cache-folder';

/** The event a bundle emits on `process` when it is warm enough for its compiled code to be worth keeping. */
export const WARM_EVENT = 'trainlint:warm';

/** Set once WARM_EVENT was emitted (on `process`: every bundle in the thread has its own copy of this module). */
const WARM_FLAG = Symbol.for('trainlint.warm');
const LATE_SAVE_MS = 2000;
const warm = () => (process as unknown as Record<symbol, boolean>)[WARM_FLAG] === true;
process.once(WARM_EVENT, () => { (process as unknown as Record<symbol, boolean>)[WARM_FLAG] = true; });

const cacheFolder = () => trainlintCacheDir('v8');

/**
 * Runs `file` (a CommonJS bundle) as a new module, through the code cache when one is usable, and
 * returns its exports. Each call runs the file again (a fresh instance of the module). `detached`: the
 * module is not recorded as a child of the main module, so it is garbage once its exports are.
 */
export function loadCached(file: string, detached = false, { refresh = false }: { refresh?: boolean } = {}): unknown {
  const source = readSource(file);
  if (process.env.TRAINLINT_NO_COMPILE_CACHE) return runPlain(file, source, detached);
  let script: Script;
  let cacheFile = '';
  let cached: Buffer | undefined;
  try {
    // V8 checks a cache against its own version and the source's length, not its content: the key must
    // change with every build of the bundle (its size and modification time) and with Node.
    const st = statSync(file);
    const key = `${process.version}-${process.arch}-${st.size}-${Math.round(st.mtimeMs)}`;
    cacheFile = join(cacheFolder(), `${prefixOf(file)}${key}.bin`);
    try { cached = readFileSync(cacheFile); } catch { cached = undefined; }
    script = new Script(Module.wrap(source), { filename: file, cachedData: cached });
  } catch {
    return runPlain(file, source, detached);
  }
  if (!cached || script.cachedDataRejected) {
    let saved = false;
    const save = () => {
      if (saved) return;
      saved = true;
      try {
        mkdirSync(dirname(cacheFile), { recursive: true });
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, cacheFile);
        // Caches of earlier builds of the same bundle (same file) are dead weight: keep only this one. Another
        // install's bundle (the extension and a project's CLI, two versions) has its own prefix: they never
        // delete each other's cache (they did, and every run of each compiled and wrote again).
        // Caches no start has used for 30 days are another install's that is gone (an extension version
        // replaced by the next, a deleted checkout): removed too.
        const prefix = prefixOf(file);
        pruneCacheFolder(dirname(cacheFile), { keep: cacheFile, drop: (f) => f.startsWith(prefix) });
      } catch { /* no cache this time */ }
    };
    // A bundle loaded after the process was warm (a library loaded on first use) is kept a moment after it ran.
    if (warm()) setTimeout(save, LATE_SAVE_MS).unref();
    else process.once(WARM_EVENT, save);
    process.once('exit', () => { if (warm()) save(); });
  }
  else {
    // A cache in use is marked so (off the start's path): the clean-up above keeps it.
    const now = new Date(); utimes(cacheFile, now, now, () => undefined);
    // The first warm process's cache is kept for the build's life, and that process may have compiled little:
    // a test server whose bytecode V8 had flushed wrote 557 KB where a warm server writes 1.27 MB, and every
    // later start then compiled the rest (initialize 212 against 144 ms). A long-lived process (`refresh`)
    // replaces it, once warm and idle, with its own when that is clearly fuller.
    if (refresh && !warm()) {
      const size = cached.length;
      process.once(WARM_EVENT, () => setImmediate(() => replaceIfFuller(script, cacheFile, size)));
    }
  }
  return run(file, script.runInThisContext() as ModuleBody, detached);
}

/** Writes this process's compiled code over the cache at `cacheFile` when it holds a quarter more. */
function replaceIfFuller(script: Script, cacheFile: string, size: number): void {
  try {
    const fresh = script.createCachedData();
    if (fresh.length < size * 1.25) return;
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(tmp, fresh);
    renameSync(tmp, cacheFile);
  } catch { /* the old cache stays */ }
}

/**
 * The bundle's text. The bundles are ASCII (esbuild escapes the rest): decoded as Latin-1 they become
 * one-byte strings without a UTF-8 pass (~4 ms less per bundle here). Anything else is decoded as UTF-8.
 */
function readSource(file: string): string {
  const bytes = readFileSync(file);
  return (isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8')).replace(/^#!.*/, '');
}

/** The bundle's name without its extension (`.js`, `.cjs`). */
const stem = (file: string) => basename(file).replace(/\.c?js$/, '');

/** Cache files of the bundle at `file`: its name, then a hash of its folder (FNV-1a; no crypto at start-up). */
function prefixOf(file: string): string {
  let h = 0x811c9dc5;
  const dir = dirname(file);
  for (let i = 0; i < dir.length; i++) h = Math.imul(h ^ dir.charCodeAt(i), 0x01000193);
  return `${stem(file)}-${(h >>> 0).toString(16).padStart(8, '0')}-`;
}

type ModuleBody = (exports: unknown, require: NodeRequire, module: NodeJS.Module, filename: string, dirname: string) => void;

function run(file: string, body: ModuleBody, detached: boolean): unknown {
  const m = new Module(file, detached ? undefined : require.main ?? undefined) as NodeJS.Module & { filename: string; paths: string[] };
  m.filename = file;
  m.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dirname(file));
  body.call(m.exports, m.exports, createRequire(file), m, file, dirname(file));
  return m.exports;
}

function runPlain(file: string, source: string, detached: boolean): unknown {
  return run(file, new Script(Module.wrap(source), { filename: file }).runInThisContext() as ModuleBody, detached);
}
