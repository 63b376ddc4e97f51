/**
 * The newest release trainlint knows of each library its rules gate on. A script or notebook that
 * installs a library unpinned (`!pip install unsloth`, `%pip install -U trl`, `unsloth @ git+…`, a PEP 723
 * `dependencies = ["trl"]`) gets the newest release at run time; rules evaluate that as this version and
 * say so in the message. Every entry names where it was read; a library without evidence is left out
 * (its unpinned install stays "unknown"). Update with each rules release.
 */
export interface LatestKnown {
  version: string;
  /** When the evidence was read (the newest known "as of"). */
  asOf: string;
  evidence: string;
  /** The library's own GitHub repository: a git install of its default branch is at least the newest release. */
  repo: string;
}

export const LATEST_KNOWN: Readonly<Record<string, LatestKnown>> = {
  // unslothai/unsloth@015bdef0d94a241bcd94eec7a405b1700632180d (2026-08-22), unsloth/_version.py: __version__ = "2026.8.19"
  unsloth: { version: '2026.8.19', asOf: '2026-08-22', evidence: 'unslothai/unsloth@015bdef0 unsloth/_version.py', repo: 'unslothai/unsloth' },
  // unslothai/unsloth-zoo@ce232d6cef9cb8cd34cd3727906131622177436b (2026-08-20), unsloth_zoo/__init__.py: __version__ = "2026.8.13"
  'unsloth-zoo': { version: '2026.8.13', asOf: '2026-08-20', evidence: 'unslothai/unsloth-zoo@ce232d6c unsloth_zoo/__init__.py', repo: 'unslothai/unsloth-zoo' },
  // huggingface/trl tag v1.9.0 (2026-07-21); main's VERSION is 1.10.0.dev0 (not released)
  trl: { version: '1.9.0', asOf: '2026-07-21', evidence: 'huggingface/trl tag v1.9.0; VERSION on main 1.10.0.dev0', repo: 'huggingface/trl' },
};

/**
 * A git install is the newest release only from the library's own repository at its default branch
 * (`git+https://github.com/unslothai/unsloth.git`, `…@main`). A fork's branch or a commit is whatever that
 * code was: `git+https://github.com/qgallouedec/trl.git@main` (smol-vision's `PaliGemma_DPO.ipynb`) installs
 * that fork's main, TRL 0.9.5.dev0 of 2024-07-07, not the newest TRL.
 */
export function gitInstallIsNewest(url: string, latest: LatestKnown): boolean {
  const m = /^(?:[A-Za-z0-9._-]+(?:\[[^\]]*\])?\s*@\s*)?(?:git\+)?https?:\/\/(?:www\.)?github\.com\/([A-Za-z0-9._-]+\/[A-Za-z0-9._-]+?)(?:\.git)?\/?(?:@([^#?]+))?(?:[#?].*)?$/.exec(url.trim());
  if (!m || m[1].toLowerCase() !== latest.repo.toLowerCase()) return false;
  return m[2] === undefined || m[2] === 'main' || m[2] === 'master';
}
