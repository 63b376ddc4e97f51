/**
 * What a lint of an open file needs besides its text: the editor's `trainlint` settings for it (pulled
 * once per document), and its folder's versions and project config with the editor's select/ignore
 * merged in. Each folder's versions are logged once, until the project files change.
 */
import { dirname } from 'node:path';
import type { Connection } from 'vscode-languageserver';
import { mergeConfig, type Environment, type LintConfig } from '../engine/index';
import { ProjectContexts } from '../engine/env/project-context';
import type { ConfigDiagnostics } from './config-diagnostics';
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
    workspaceRootFor: (path: string) => string | undefined,
    private readonly configDiagnostics: ConfigDiagnostics,
    private readonly log: (msg: string) => void,
  ) {
    this.projects = new ProjectContexts(workspaceRootFor);
  }

  settingsFor(uri: string): Promise<Settings> {
    let s = this.settings.get(uri);
    if (!s) {
      s = this.canPullSettings
        ? this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'trainlint' }).then(resolveSettings, () => DEFAULT_SETTINGS)
        : Promise.resolve(DEFAULT_SETTINGS);
      this.settings.set(uri, s);
    }
    return s;
  }

  /** The document closed: its settings are pulled again if it opens again. */
  forget(uri: string): void { this.settings.delete(uri); }

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
    this.log(`versions for ${dirname(path)}${pythonPath ? ` (interpreter ${pythonPath})` : ''}: ${versions.length ? versions.join(', ') : 'none found (version-gated rules assume the latest releases)'}`);
    if (project.configError) this.log(`configuration error for ${dirname(path)}: ${project.configError}`);
  }
}
