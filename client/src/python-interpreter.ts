/** The interpreter VS Code's Python extension selected for a file, when that extension is present. */
import * as vscode from 'vscode';

interface PythonApi {
  environments?: { getActiveEnvironmentPath(resource?: vscode.Uri): { path: string } | undefined };
}

export async function selectedInterpreter(resource?: vscode.Uri): Promise<string | undefined> {
  const ext = vscode.extensions.getExtension<PythonApi>('ms-python.python');
  if (!ext) return undefined;
  try {
    const api = ext.isActive ? ext.exports : await ext.activate();
    return api?.environments?.getActiveEnvironmentPath(resource)?.path || undefined;
  } catch {
    return undefined;
  }
}
