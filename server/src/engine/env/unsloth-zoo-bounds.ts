/**
 * What an exact unsloth_zoo pin allows of transformers and TRL: each unsloth_zoo release's `pyproject.toml` lists them in
 * `[project] dependencies`, so pip installs transformers and TRL inside those bounds beside it. A project that pins
 * `unsloth==2026.1.4` and `unsloth_zoo==2026.1.4` but not transformers (fahmiaziz98/function-call-fine-tuning
 * `requirements-training.txt`) runs transformers ≤ 4.57.6, never 5.x.
 *
 * Read from unslothai/unsloth-zoo `pyproject.toml` at every commit that carries each release's `__version__`
 * (`unsloth_zoo/__init__.py`; the first and the last commit of a release agree on these bounds for every release listed
 * here; 2025.12.2 changed its transformers cap between them and is left out). Only the lower bound and the cap are kept
 * (the `!=` exclusions between them change no verdict trainlint gives on a range). Releases before 2025.9.13 capped
 * neither library and are not listed. Unsloth's own `pyproject.toml` at 2026.1.4 (unslothai/unsloth 09ebbf6e) declares no
 * `dependencies` (its caps sit in extras such as `huggingface` and `colab-new`), so an Unsloth pin alone bounds nothing
 * here: the version stays unknown unless unsloth_zoo is pinned too.
 */
import { compareVersions } from './pep440';
import type { PackageVersion } from './versions';

interface ZooBounds { from: string; through: string; transformers: string; trl: string }

/** Consecutive release ranges (inclusive) and the bounds every release in the range declares. */
const ZOO_BOUNDS: readonly ZooBounds[] = [
  { from: '2025.9.13', through: '2025.10.9', transformers: '>=4.51.3,<=4.56.2', trl: '>=0.7.9,<=0.23.0' },
  { from: '2025.10.10', through: '2025.10.13', transformers: '>=4.51.3,<=4.57.2', trl: '>=0.18.2,<=0.23.0' },
  { from: '2025.11.1', through: '2025.12.1', transformers: '>=4.51.3,<=4.57.2', trl: '>=0.18.2,<=0.24.0' },
  { from: '2025.12.3', through: '2026.1.3', transformers: '>=4.51.3,<=4.57.3', trl: '>=0.18.2,<=0.24.0' },
  { from: '2026.1.4', through: '2026.3.1', transformers: '>=4.51.3,<=4.57.6', trl: '>=0.18.2,<=0.24.0' },
  { from: '2026.3.2', through: '2026.3.2', transformers: '>=4.51.3,<=5.2.0', trl: '>=0.18.2,<=0.24.0' },
  { from: '2026.3.3', through: '2026.3.7', transformers: '>=4.51.3,<=5.3.0', trl: '>=0.18.2,<=0.24.0' },
  { from: '2026.4.1', through: '2026.8.13', transformers: '>=4.51.3,<=5.5.0', trl: '>=0.18.2,<=0.24.0' },
];

/**
 * The bounds an exact pin of unsloth_zoo (`zoo`: a version from a pin file or an install line, not an assumed newest)
 * puts on `key` (`transformers` or `trl`), as a version fact; undefined for another library, another kind of fact, or
 * a release not in the table.
 */
export function boundByPinnedZoo(zoo: PackageVersion | undefined, key: string): PackageVersion | undefined {
  if (key !== 'transformers' && key !== 'trl') return undefined;
  const v = zoo?.version;
  if (!zoo || !v || zoo.alternatives || zoo.origin?.kind === 'newest' || zoo.origin?.kind === 'implied') return undefined;
  let row: ZooBounds | undefined;
  try {
    row = ZOO_BOUNDS.find((r) => compareVersions(v, r.from) >= 0 && compareVersions(v, r.through) <= 0);
  } catch {
    return undefined;
  }
  if (!row) return undefined;
  const specifier = row[key];
  return {
    specifier, source: zoo.source,
    origin: { kind: 'implied', by: `as unsloth_zoo ${v} is pinned (${zoo.origin?.kind === 'pinned' ? zoo.origin.file : zoo.origin?.kind === 'pip-line' ? `\`pip install\` on ${zoo.origin.where}` : zoo.source}), which requires that` },
  };
}
