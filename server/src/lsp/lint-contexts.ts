/**
 * What a lint of an open file needs besides its text: the editor's `trainlint` settings for it (pulled
 * once per workspace folder, as soon as the editor is initialized, so the first document does not wait
 * for a round trip; a file outside every folder pulls its own), and its folder's versions and project
 * config with the editor's select/ignore merged in. Each folder's versions are logged once, until the
 * project files change.
 */
import { dirname } from 'node:path';
import type { Connection } from 'vscode-languageserver';
import { mergeConfig, type Environment, type LintConfig } from '../engine/index';
import { ProjectContexts } from '../engine/env/project-context';
import type { ConfigDiagnostics } from './config-diagnostics';
import { uriToPath } from './documents';
import type { WorkspaceFolders } from './workspace-folders';
import { DEFAULT_SETTINGS, resolveSettings, type Settings } from './settings';

export class LintContexts {
  private readonly settings = new Map<string, Promise<Settings>>();
  /** Folders whose versions and config were logged since the project contexts were last read. */
  private readonly logged = new Set<string>();
  private readonly projects: ProjectContexts;
  /** The client answers `workspace/configuration` (set from its capabilities at `initialize`). */
  canPullSettings = false;

  constructor(
    private readonly connection: Connection,
    private readonly folders: WorkspaceFolders,
    private readonly configDiagnostics: ConfigDiagnostics,
    private readonly log: (msg: string) => void,
  ) {
    this.projects = new ProjectContexts((path) => folders.holding(path)?.path);
  }

  /**
   * The settings for a document or notebook. Every `trainlint` setting is resource-scoped, which editors
   * resolve per workspace folder (VS Code reads no settings below a folder's root): a file in a folder
   * shares the folder's settings, pulled once.
   */
  settingsFor(uri: string): Promise<Settings> {
    const scope = this.folderOf(uri) ?? uri;
    let s = this.settings.get(scope);
    if (!s) {
      s = this.canPullSettings
        ? this.connection.workspace.getConfiguration({ scopeUri: scope, section: 'trainlint' }).then(resolveSettings, () => DEFAULT_SETTINGS)
        : Promise.resolve(DEFAULT_SETTINGS);
      this.settings.set(scope, s);
    }
    return s;
  }

  /** Pulls every workspace folder's settings now (at `initialized`), before any document asks. */
  prefetchSettings(): void {
    for (const f of this.folders.all()) void this.settingsFor(f.uri);
  }

  /** The innermost workspace folder holding `uri` (its URI as the editor sent it), if any. */
  private folderOf(uri: string): string | undefined {
    return uri.startsWith('file:') ? this.folders.holding(uriToPath(uri))?.uri : undefined;
  }

  /** A document outside every folder closed: its settings are pulled again if it opens again. */
  forget(uri: string): void { if (!this.folderOf(uri)) this.settings.delete(uri); }

  /** The editor's settings changed: pull them again for every document. */
  settingsChanged(): void { this.settings.clear(); }

  /** Versions or project config may have changed: read them again (and log them again). */
  projectChanged(): void {
    this.projects.invalidate();
    this.logged.clear();
    this.configDiagnostics.reset();
  }

  /** Versions and config for a file: its folder's project context with the editor's select/ignore. */
  lintContext(path: string, settings: Settings): { env: Environment; config: LintConfig } {
    const project = this.projects.get(path, settings.pythonPath);
    this.logProject(path, settings.pythonPath, project);
    this.configDiagnostics.note(project.configProblems);
    return { env: project.env, config: mergeConfig(project.config, { select: settings.select, ignore: settings.syntaxErrors ? settings.ignore : [...settings.ignore, 'TL000'] }) };
  }

  private logProject(path: string, pythonPath: string, project: ReturnType<ProjectContexts['get']>): void {
    const key = `${dirname(path)}\0${pythonPath}`;
    if (this.logged.has(key) || !path.startsWith('/')) return;
    this.logged.add(key);
    const versions = project.env.entries().map(([name, v]) => `${name} ${v.version} (${v.source})`);
    // Written after the lint that asked (its diagnostics first): a log line is a write on the same pipe.
    setImmediate(() => {
      this.log(`versions for ${dirname(path)}${pythonPath ? ` (interpreter ${pythonPath})` : ''}: ${versions.length ? versions.join(', ') : 'none found (version-gated rules assume the latest releases)'}`);
      if (project.configError) this.log(`configuration error for ${dirname(path)}: ${project.configError}`);
    });
  }
}
