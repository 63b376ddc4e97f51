/**
 * Per-folder facts read from disk — library versions and `[tool.trainlint]` — computed once
 * and cached, so an edit never waits for a disk (language server) and a folder of scripts is read
 * once (CLI). Invalidated when project files or settings change.
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import { discoverFolder, type FolderEnvironment } from './discover';
import { environmentForScript } from './setup-launches';
import { DiskMemo } from './disk-memo';
import { Environment } from './versions';
import { DEFAULT_CONFIG, type ConfigProblem, type LintConfig } from '../lint/config';
import { formatProblem, loadConfigFor } from '../lint/config-file';

export interface ProjectContext {
  env: Environment;
  config: LintConfig;
  /** The config's problems, one line each (`file:line: message`). */
  configError?: string;
  configProblems?: ConfigProblem[];
}

export class ProjectContexts {
  private readonly cache = new Map<string, ProjectContext & { folder: FolderEnvironment; scripts: Map<string, ProjectContext> }>();
  /**
   * Listings and small files shared by the folders' discoveries (parents, virtual environments): for one
   * run over many folders (the CLI). A long-lived server reads afresh for each folder, so a package
   * installed since it started is seen in the next folder opened (site-packages are not watched).
   */
  private disk: DiskMemo | undefined;

  constructor(private readonly workspaceRootFor: (path: string) => string | undefined, options: { shareDiskReads?: boolean } = {}) {
    this.disk = options.shareDiskReads ? new DiskMemo() : undefined;
  }

  get(scriptPath: string, pythonPath: string): ProjectContext {
    // An unsaved editor buffer (`untitled:…`) has no folder: nothing on disk belongs to it.
    if (!isAbsolute(scriptPath)) return { env: new Environment(), config: DEFAULT_CONFIG };
    const dir = dirname(scriptPath);
    const key = `${dir}\0${pythonPath}`;
    let ctx = this.cache.get(key);
    if (!ctx) {
      const root = this.workspaceRootFor(scriptPath);
      const folder = discoverFolder({ scriptDir: dir, workspaceRoot: root, pythonPath: pythonPath || undefined, env: process.env, disk: this.disk });
      const env = environmentForScript(folder.installed, folder.project, folder.launches);
      const { config, problems } = loadConfigFor(dir, root);
      ctx = { env, config, configError: problems.length ? problems.map(formatProblem).join('\n') : undefined, configProblems: problems, folder, scripts: new Map() };
      this.cache.set(key, ctx);
    }
    // A script a shell script of the project runs after its installs has those installs' versions (`setup-launches.ts`),
    // and one it runs at all the command lines it is run with (`launch-flags.ts`).
    if (!ctx.folder.launches.has(resolve(scriptPath)) && !ctx.folder.runs.has(resolve(scriptPath))) return ctx;
    let own = ctx.scripts.get(scriptPath);
    if (!own) {
      const { folder: _f, scripts: _s, ...shared } = ctx;
      own = { ...shared, env: environmentForScript(ctx.folder.installed, ctx.folder.project, ctx.folder.launches, scriptPath, ctx.folder.runs) };
      ctx.scripts.set(scriptPath, own);
    }
    return own;
  }

  invalidate(): void { this.cache.clear(); if (this.disk) this.disk = new DiskMemo(); }
}
