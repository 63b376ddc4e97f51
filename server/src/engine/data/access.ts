/**
 * The read policy: data files are read only inside the workspace folders and the Hugging Face
 * cache folders, and never in an untrusted workspace. Paths are compared after `realpath`, so a
 * symlink inside the workspace pointing at `~/.ssh` is refused.
 */
import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { AccessPolicy } from './types';

export interface AccessDecision {
  allowed: boolean;
  /** Why not, as a sentence naming the path. */
  reason?: string;
  /** The real path that was checked. */
  realPath?: string;
}

/** Whether `child` is `root` or inside it (both absolute, already real). */
export function isInside(root: string, child: string): boolean {
  const rel = relative(root, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

async function real(p: string): Promise<string | undefined> {
  try {
    return await realpath(resolve(p));
  } catch {
    return undefined;
  }
}

/** Decides whether `path` may be read under `policy`, with a reason when not. */
export async function checkReadAccess(path: string, policy: AccessPolicy): Promise<AccessDecision> {
  if (policy.trusted === false) {
    return { allowed: false, reason: `Data files are not read in an untrusted workspace (${path}).` };
  }
  let target: string;
  try {
    target = await realpath(resolve(path));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ELOOP' ? 'its symbolic links form a loop' : code === 'EACCES' ? 'permission denied' : 'it does not exist';
    return { allowed: false, reason: `${path} cannot be read: ${why}.` };
  }
  const roots = [...policy.workspaceRoots, ...policy.hfCacheRoots];
  for (const root of roots) {
    const r = await real(root);
    if (r && isInside(r, target)) return { allowed: true, realPath: target };
  }
  return {
    allowed: false,
    realPath: target,
    reason: `${path} is outside the workspace folders and the Hugging Face cache, so it is not read.`,
  };
}

/** `checkReadAccess(...).allowed`. */
export async function isReadAllowed(path: string, policy: AccessPolicy): Promise<boolean> {
  return (await checkReadAccess(path, policy)).allowed;
}
