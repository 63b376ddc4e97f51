/**
 * trainlint's table of Hub dataset repositories known to hold a dataset loading script at their default branch (session
 * 20, 2026-12-07; docs/corpus.md, "Hub datasets that still ship a loading script"). datasets 4.0 runs no loading
 * script: for a Hub id, `dataset_module_factory` (huggingface/datasets `src/datasets/load.py`, 4.0.0 to 5.0.1) downloads
 * `<last part of the id>.py` from the repository at the requested revision and, when the file is there, raises
 * `RuntimeError("Dataset scripts are no longer supported, but found <name>.py")` (re-raised unless an older datasets
 * left that dataset's module in the local cache). TL520 reports a `load_dataset` of these ids on datasets ≥ 4.0.
 *
 * Each entry is verified from a real source that names that id: a GitHub issue or pull request that quotes the error,
 * or that says the load fails on datasets ≥ 4 because of the script, or the repository's file list. A repository's
 * owner (or the Hub) may convert it to Parquet at any time; the entry says when it was last seen with its script
 * (`seen`, the date of the newest evidence), and the rule says so. What the table does NOT cover:
 * - the canonical script datasets that the Hub converted (`beans`, `kde4`, `wmt16`, …: `known-hub-loading-scripts.ts`,
 *   `known-hub-moved.ts`): those load on 4.x and must never be listed here (a unit test keeps the tables apart);
 * - a load at another revision (`revision="refs/convert/parquet"`, the Hub's Parquet export, or a commit): the rule
 *   does not fire when `revision=` is anything but "main";
 * - repositories the Hub deleted (`mozilla-foundation/common_voice_11_0` answers 404 since 2025-11:
 *   dscripka/synthetic_speech_dataset_generation#6), which fail otherwise.
 */

export interface HubScriptRepo {
  /** The Hub id as scripts write it (exact; the Hub redirects `superb` to its namespaced repository). */
  id: string;
  /** The file datasets looks for and finds: `<last part of the id>.py`. */
  script: string;
  /** The date of the newest evidence that the repository still held the script (YYYY-MM). */
  seen: string;
  /** Where it was read (citable: repository#number and date). */
  evidence: string[];
  /** `load_dataset("<id>"…)` calls in the session-20 regression corpora (.py files and notebook code cells). */
  uses: { calls: number; repos: number };
}

export const HUB_SCRIPT_REPOS: readonly HubScriptRepo[] = [
  {
    id: 'PolyAI/minds14',
    script: 'minds14.py',
    seen: '2025-07',
    evidence: [
      'huggingface/transformers#39497 (2025-07-18, datasets 4.0.0): load_dataset("PolyAI/minds14", name="en-US", split="train") fails in load_dataset_builder → dataset_module_factory, where 4.0.0 raises the script error',
      'huggingface/audio-transformers-course#219 (2025-07-27, open): Unit 1 (which loads PolyAI/minds14) fails with "dataset scripts are no longer supported" on datasets ≥ 4.0; the fix given is datasets==3.6.0',
      'huggingface/datasets 3.6.0 docs/source/audio_dataset.mdx links the script on the default branch: huggingface.co/datasets/PolyAI/minds14/blob/main/minds14.py',
    ],
    uses: { calls: 108, repos: 1 },
  },
  {
    id: 'superb',
    script: 'superb.py',
    seen: '2025-09',
    evidence: [
      'huggingface/datasets#7693 (2025-07-20, open; comments to 2025-09): datasets.load_dataset("superb", name="asr", split="test") raises "RuntimeError: Dataset scripts are no longer supported, but found superb.py"',
    ],
    uses: { calls: 5, repos: 2 },
  },
  {
    id: 'financial_phrasebank',
    script: 'financial_phrasebank.py',
    seen: '2026-02',
    evidence: [
      'huggingface/peft#2998 (2026-01-16, open, bumped 2026-02-14): load_dataset("financial_phrasebank", "sentences_allagree") fails on recent datasets "due to the deprecation of dataset loading scripts"',
      'huggingface/peft#3058 (merged 2026-02-23): replaces financial_phrasebank in the IA3 tutorial because it "relied on a deprecated loading script format"',
    ],
    uses: { calls: 18, repos: 5 },
  },
  {
    id: 'ought/raft',
    script: 'raft.py',
    seen: '2025-10',
    evidence: [
      'huggingface/optimum-habana#2310 (merged 2025-10-16): switches the RAFT dataset from ought/raft to regisss/raft (Parquet splits) because datasets 4.0.0 "no longer supports the original dataset format"',
    ],
    uses: { calls: 22, repos: 4 },
  },
  {
    id: 'imagenet-1k',
    script: 'imagenet-1k.py',
    seen: '2025-08',
    evidence: [
      'microsoft/Olive#2121 (2025-08-21): "RuntimeError: Dataset scripts are no longer supported, but found imagenet-1k.py" from dataset_module_factory (the repository is also gated: without access, datasets raises that it is a gated dataset first)',
    ],
    uses: { calls: 2, repos: 2 },
  },
];

const BY_ID = new Map(HUB_SCRIPT_REPOS.map((r) => [r.id, r]));

/** The entry for a Hub id exactly as written in the script. */
export function knownHubScriptRepo(id: string): HubScriptRepo | undefined {
  return BY_ID.get(id);
}
