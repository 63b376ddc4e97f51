/** Small async file-system questions that never throw (a missing or unreadable path answers false). */
import { stat } from 'node:fs/promises';

export async function isDir(p: string): Promise<boolean> {
  try { return (await stat(p)).isDirectory(); } catch { return false; }
}

export async function isFile(p: string): Promise<boolean> {
  try { return (await stat(p)).isFile(); } catch { return false; }
}

export async function exists(p: string): Promise<boolean> {
  try { await stat(p); return true; } catch { return false; }
}
