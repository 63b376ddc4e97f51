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
  // The PyPI snapshot this project's build machines install from (a wheel index read on 2026-12-07; one release per
  // library, the newest at the snapshot): trl-1.13.0 (wheel files dated 2026-09-10), transformers-5.18.0 (2026-09-30),
  // peft-0.21.0 (2026-09-15), datasets-5.0.1 (2026-07-28); each wheel's METADATA names that version. Earlier evidence:
  // unslothai/unsloth@015bdef0 .github/scripts/kaggle_t4_ci/legs.py, a CI run of 2026-08-11 ("a PyPI latest of 5.15.0
  // [transformers], and trl 0.24.0 against a latest of 1.9.2"; "It moved peft 0.19.1 -> 0.20.0").
  trl: { version: '1.13.0', asOf: '2026-12-07', evidence: 'the trl-1.13.0 wheel (files dated 2026-09-10) of a PyPI snapshot read on 2026-12-07', repo: 'huggingface/trl' },
  transformers: { version: '5.18.0', asOf: '2026-12-07', evidence: 'the transformers-5.18.0 wheel (files dated 2026-09-30) of a PyPI snapshot read on 2026-12-07', repo: 'huggingface/transformers' },
  peft: { version: '0.21.0', asOf: '2026-12-07', evidence: 'the peft-0.21.0 wheel (files dated 2026-09-15) of a PyPI snapshot read on 2026-12-07', repo: 'huggingface/peft' },
  datasets: { version: '5.0.1', asOf: '2026-12-07', evidence: 'the datasets-5.0.1 wheel (files dated 2026-07-28) of a PyPI snapshot read on 2026-12-07', repo: 'huggingface/datasets' },
};

/**
 * What the newest unsloth_zoo lets pip install beside it: `pip install unsloth` (without `--no-deps`) resolves
 * unsloth_zoo's requirements, so an unpinned TRL or transformers in the same setup is the newest release inside these
 * bounds, not the newest on PyPI. unslothai/unsloth-zoo@ce232d6c (2026-08-20, 2026.8.13) pyproject.toml:
 * "trl>=0.18.2,!=0.19.0,<=0.24.0", "transformers>=4.51.3,…,<=5.5.0"; the releases at those caps exist (TRL 0.24.0;
 * transformers 5.5.0, pinned by unslothai/unsloth@015bdef0 studio/backend/requirements/no-torch-runtime.txt).
 */
export const UNSLOTH_ZOO_CAPS: Readonly<Record<string, { version: string; zoo: string }>> = {
  trl: { version: '0.24.0', zoo: '2026.8.13' },
  transformers: { version: '5.5.0', zoo: '2026.8.13' },
};

/**
 * Libraries (other than Unsloth) whose newest release trainlint has read requires a watched library below that
 * library's newest release: `pip install adapters transformers` installs the newest transformers `specifier` allows
 * (`newest`), not the newest on PyPI. adapter-hub/adapters@88f18ebd (2026-03-21, version 1.2.0) setup.py:
 * `install_requires = [deps["transformers"], …]` with "transformers~=4.57.6"; transformers 4.57.6 is the newest 4.57
 * release (the wheel of the PyPI snapshot, /opt/pypi-more, 2026-12-07).
 */
export const NEWEST_RELEASE_BOUNDS: Readonly<Record<string, { release: string; bounds: Readonly<Record<string, { specifier: string; newest: string }>> }>> = {
  adapters: { release: '1.2.0', bounds: { transformers: { specifier: '~=4.57.6', newest: '4.57.6' } } },
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
