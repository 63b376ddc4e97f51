/**
 * The editor's workspace folders, as it sent them (URIs) and as paths, and which one holds a file:
 * the innermost whose path is the file's or one of its parents (`/ws/app` does not hold `/ws/app2/x.py`).
 */
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface WorkspaceFolder { uri: string; path: string }

export class WorkspaceFolders {
  private list: WorkspaceFolder[] = [];

  /** From `initialize`: the folder URIs (non-file ones cannot hold a script on disk and are left out). */
  set(uris: string[]): void {
    this.list = uris.filter((u) => u.startsWith('file:')).map((uri) => ({ uri, path: fileURLToPath(uri) }));
  }

  all(): readonly WorkspaceFolder[] { return this.list; }

  paths(): string[] { return this.list.map((f) => f.path); }

  /** The innermost folder holding `path`. */
  holding(path: string): WorkspaceFolder | undefined {
    let best: WorkspaceFolder | undefined;
    for (const f of this.list) {
      const inside = path === f.path || path.startsWith(f.path.endsWith(sep) ? f.path : f.path + sep);
      if (inside && (!best || f.path.length > best.path.length)) best = f;
    }
    return best;
  }
}
