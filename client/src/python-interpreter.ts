/** The interpreter VS Code's Python extension selected for a file, when that extension is present. */
import * as vscode from 'vscode';

interface PythonApi {
  environments?: { getActiveEnvironmentPath(resource?: vscode.Uri): { path: string } | undefined };
}

let activating: Thenable<unknown> | undefined;

/**
 * The selected interpreter's path. The first diagnostics never wait for the Python extension to start
 * (that takes seconds): while it is not active this answers `undefined` at once (the server then finds
 * versions in `.venv`, `VIRTUAL_ENV`, …), starts it, and calls `whenReady` once it is, so the settings
 * can be pulled again.
 */
export async function selectedInterpreter(resource: vscode.Uri | undefined, whenReady: () => void): Promise<string | undefined> {
  const ext = vscode.extensions.getExtension<PythonApi>('ms-python.python');
  if (!ext) return undefined;
  try {
    if (!ext.isActive) {
      activating ??= ext.activate().then(whenReady, () => undefined);
      return undefined;
    }
    return ext.exports?.environments?.getActiveEnvironmentPath(resource)?.path || undefined;
  } catch {
    return undefined;
  }
}
