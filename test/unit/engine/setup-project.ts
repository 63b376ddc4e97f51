/** A throwaway project folder for the environment tests of Dockerfiles and shell scripts, and its discovered versions. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discoverEnvironment } from '../../../server/src/engine/env/discover';

export function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'trainlint-setup-files-'));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}

export const envOf = (dir: string, sub = '') => discoverEnvironment({ scriptDir: join(dir, sub), workspaceRoot: dir, env: {} });

/** The version, or the versions of the alternatives. */
export const versions = (pv: { version?: string; alternatives?: Array<{ version?: string }> } | undefined) => pv?.alternatives?.map((a) => a.version) ?? pv?.version;
