/**
 * What makes a folder the root of the project whose environment a script has (`discover.ts`: how far up pin files,
 * virtual environments and launchers are read).
 *
 * Ruff takes the closest configuration file above a checked file for its project (a `ruff.toml`, or a `pyproject.toml`
 * with a `[tool.ruff]` table; one without it is ignored) and reads no configuration above it (astral-sh/ruff
 * `docs/configuration.md`, "Config file discovery"). Here the root is the closest folder holding trainlint's own
 * configuration (a `trainlint.toml`, or a `pyproject.toml` with a `[tool.trainlint]` table) or a repository (`.git`:
 * a folder, or a worktree's file): what lies above it belongs to another project or to none. A `pyproject.toml` without
 * trainlint's table does not end the walk: a package vendored inside a project (NVlabs/DoRA's
 * `visual_instruction_tuning/peft`) or a subfolder with its own (meta-llama/llama-cookbook's `3p-integrations/…`) runs
 * in the enclosing project's environment, whose pins still apply.
 */
import { join } from 'node:path';

const TOOL_TABLE = /^\s*\[\s*tool\s*\.\s*trainlint\s*[\].]/m;
const MAX_PYPROJECT = 512 * 1024;

/** `dir` holds a `trainlint.toml`, a `pyproject.toml` with `[tool.trainlint]`, or a repository. */
export function isProjectRootDir(dir: string, disk: { exists(p: string): boolean; text(p: string, max: number): string | undefined }): boolean {
  if (disk.exists(join(dir, '.git')) || disk.exists(join(dir, 'trainlint.toml'))) return true;
  const pyproject = join(dir, 'pyproject.toml');
  if (!disk.exists(pyproject)) return false;
  try { return TOOL_TABLE.test(disk.text(pyproject, MAX_PYPROJECT) ?? ''); } catch { return false; }
}
