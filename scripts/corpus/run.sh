#!/usr/bin/env bash
# Lint every corpus folder with one build of trainlint, one JSON per corpus.
#
#   scripts/corpus/run.sh BUILD OUT_DIR [CORPORA_ROOT]
#
# BUILD: a checkout whose `npm run build` made dist/cli.js (or the cli.js itself). CORPORA_ROOT defaults to
# /tmp/corpora (one folder per repository, made by extract.sh; a folder of symlinks to some of them runs just those). Writes OUT_DIR/<corpus>.json (the findings),
# OUT_DIR/<corpus>.err (standard error, when not empty) and OUT_DIR/status.tsv: corpus, status, exit code, seconds.
# Status: ok; file-errors (exit 2: files the CLI could not read, such as an empty or non-JSON notebook, listed in
# the .err; the findings of the other files are kept); internal (exit 2 with "internal error"); crash (another exit
# code, or no JSON); timeout. A corpus whose JSON is already there is skipped, so an interrupted run resumes.
# Environment: JOBS (parallel corpora, default 2), TIMEOUT (seconds per corpus, default 1800).
# Runs under nice, one lint thread per corpus, with an empty Hugging Face cache and no virtualenv, so that
# findings depend only on the corpus and the build.
set -euo pipefail

build=${1:?BUILD (checkout with dist/cli.js)}; out=${2:?OUT_DIR}; root=${3:-/tmp/corpora}
cli=$build; [[ -d $cli ]] && cli=$build/dist/cli.js
[[ -f $cli ]] || { echo "no $cli (run npm run build)" >&2; exit 2; }
cli=$(realpath "$cli"); root=$(realpath "$root")
mkdir -p "$out"; out=$(realpath "$out")
[[ -f $out/status.tsv ]] || printf 'corpus\tstatus\texit\tseconds\n' >"$out/status.tsv"

empty_hf=$(mktemp -d); trap 'rm -rf "$empty_hf"' EXIT
export CLI=$cli OUT=$out TIMEOUT=${TIMEOUT:-1800} HF_HOME=$empty_hf
unset VIRTUAL_ENV CONDA_PREFIX HF_HUB_CACHE HUGGINGFACE_HUB_CACHE HF_DATASETS_CACHE

one() {
  local dir=$1 name; name=$(basename "$dir")
  [[ -s $OUT/$name.json ]] && return 0
  local start=$SECONDS rc=0 status=ok
  nice -n 10 timeout "$TIMEOUT" node "$CLI" check "$dir" --format json --exit-zero --jobs 1 \
    >"$OUT/$name.json.part" 2>"$OUT/$name.err" || rc=$?
  local json=1
  node -e 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))' "$OUT/$name.json.part" 2>/dev/null || json=0
  if (( rc == 124 )); then status=timeout
  elif (( rc == 2 )) && grep -q 'internal error' "$OUT/$name.err"; then status=internal
  elif (( !json || (rc != 0 && rc != 2) )); then status=crash
  elif (( rc == 2 )); then status=file-errors
  fi
  # A crash or timeout leaves no JSON, so a rerun retries it.
  if [[ $status == ok || $status == file-errors ]]; then mv "$OUT/$name.json.part" "$OUT/$name.json"; else rm -f "$OUT/$name.json.part"; fi
  [[ -s $OUT/$name.err ]] || rm -f "$OUT/$name.err"
  (flock 9; printf '%s\t%s\t%d\t%d\n' "$name" "$status" "$rc" $((SECONDS - start)) >>"$OUT/status.tsv") 9>"$OUT/.status.lock"
  [[ $status == ok || $status == file-errors ]] || echo "$name: $status (exit $rc)" >&2
}
export -f one

find "$root" -mindepth 1 -maxdepth 1 -xtype d ! -name '.*' -print0 | sort -z | xargs -0 -n 1 -P "${JOBS:-2}" bash -c 'one "$1"' _
echo "$(ls "$out"/*.json 2>/dev/null | wc -l) JSON files in $out; status: $(tail -n +2 "$out/status.tsv" | cut -f2 | sort | uniq -c | tr -s ' \n' ' ')" >&2
