/**
 * Where a folder's setup files are (its Dockerfiles and shell scripts, `setup-files.ts`) and how the requirements files
 * their installs name are read.
 */
import { dirname, join, resolve } from 'node:path';
import type { DiskMemo } from './disk-memo';
import { PinSet, readRequirementsFile } from './requirements';
import { DOCKERFILE, DOCKERFILE_VARIANT, SHELL_SCRIPT, requirementsCandidates, type SetupCommand } from './setup-commands';

/** A setup file larger than this is not read (an install script is a few KB; unslothai/unsloth's install.sh is 60 KB). */
export const MAX_SETUP_BYTES = 256 * 1024;

/**
 * The setup files of a folder: its Dockerfiles and shell scripts, those in its `docker/` and `.devcontainer/` folders
 * (and one level below: `docker/cuda/Dockerfile`), and the shell scripts in its `scripts/` folder.
 */
export interface SetupFile {
  path: string;
  kind: 'dockerfile' | 'shell';
  /** A `Dockerfile_*` variant: only the launch of the script it runs (`DOCKERFILE_VARIANT`), no setup of the folder. */
  launchOnly?: true;
}

export function setupFilesOf(dir: string, names: readonly string[], disk: DiskMemo): readonly SetupFile[] {
  // Once per folder and run: every script below it asks (a folder of 700 scripts tested every name 700 times).
  const known = disk.setupFiles.get(dir);
  if (known) return known;
  const out: SetupFile[] = [];
  disk.setupFiles.set(dir, out);
  const add = (d: string, ns: readonly string[], shell: boolean, docker: boolean) => {
    for (const n of [...ns].sort()) {
      if (docker && DOCKERFILE.test(n)) out.push({ path: join(d, n), kind: 'dockerfile' });
      else if (docker && DOCKERFILE_VARIANT.test(n)) out.push({ path: join(d, n), kind: 'dockerfile', launchOnly: true });
      else if (shell && SHELL_SCRIPT.test(n)) out.push({ path: join(d, n), kind: 'shell' });
    }
  };
  add(dir, names, true, true);
  for (const sub of ['docker', '.devcontainer', 'scripts']) {
    if (!names.includes(sub)) continue;
    const inner = disk.list(join(dir, sub));
    if (!inner) continue;
    add(join(dir, sub), inner, true, sub !== 'scripts');
    if (sub === 'docker') for (const n of [...inner].sort()) { const deeper = disk.list(join(dir, sub, n)); if (deeper) add(join(dir, sub, n), deeper, true, true); }
  }
  return out;
}

/** The requirements file an install command of the setup file `path` (of the folder `dir`) names, read as pins. */
export function setupReadFile(path: string, dir: string, disk: DiskMemo, root: string, display: (p: string) => string): (cmd: SetupCommand, written: string) => PinSet | undefined {
  return (cmd, written) => {
    for (const c of requirementsCandidates(written, cmd)) {
      for (const base of [dirname(path), dir]) {
        const p = resolve(base, c);
        if (!disk.exists(p)) continue;
        const set = new PinSet();
        readRequirementsFile(p, set, { root, display });
        return set;
      }
    }
    return undefined;
  };
}
