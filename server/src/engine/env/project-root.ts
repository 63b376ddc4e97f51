/**
 * What makes a folder the root of the project whose environment a script has (`discover.ts`: how far up pin files,
 * virtual environments and launchers are read).
 *
 * Ruff takes the closest configuration file above a checked file for its project and reads nothing above it: its
 * settings, and since 0.10 `requires-python` from the closest `pyproject.toml` (astral-sh/ruff `docs/configuration.md`
 * "Config file discovery"; `BREAKING_CHANGES.md` 0.10/0.11). Here the root is the closest folder holding a
 * `pyproject.toml` or trainlint's own `trainlint.toml`, or a repository (`.git`: a folder, or a worktree's file): what
 * lies above it belongs to another project or to none. (`setup.py`/`setup.cfg` do not end the walk: a package folder
 * inside a project often has one, and its scripts share the project's pins.)
 */
import { join } from 'node:path';

const ROOT_MARKERS = ['pyproject.toml', 'trainlint.toml', '.git'] as const;

/** `dir` holds a `pyproject.toml`, a `trainlint.toml` or a repository. */
export function isProjectRootDir(dir: string, exists: (p: string) => boolean): boolean {
  for (const m of ROOT_MARKERS) if (exists(join(dir, m))) return true;
  return false;
}
