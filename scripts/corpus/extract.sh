#!/usr/bin/env bash
# Copy one fetched repository snapshot (a bare git dir) into a corpus folder:
# every .py and .ipynb file, the pin files trainlint reads (requirements*.txt, pyproject.toml, setup.cfg,
# Pipfile, environment*.yml, small *.lock), small YAML configs, and the Dockerfiles and shell scripts whose installs it
# reads (Dockerfile*, Containerfile*, *.dockerfile, *.sh; up to 256 KB). No file over 5 MB; no symlinks or submodules.
#
#   scripts/corpus/extract.sh OWNER/NAME GIT_DIR [OUT_ROOT]
#
# Writes OUT_ROOT/OWNER+NAME/ (OUT_ROOT defaults to /tmp/corpora, the folder is replaced) and sets the
# repository's line in OUT_ROOT/MANIFEST.tsv: repo, commit, files, lines.
set -euo pipefail

repo=${1:?OWNER/NAME}; gitdir=${2:?GIT_DIR}; root=${3:-/tmp/corpora}
max=$((5 * 1024 * 1024)); max_lock=$((1024 * 1024)); max_yaml=$((256 * 1024))
out="$root/${repo/\//+}"
git() { command git --git-dir="$gitdir" "$@"; }

commit=$(git rev-parse HEAD)
rm -rf "$out"; mkdir -p "$out"

# The size limit a path gets, or nothing when it is not copied.
limit_for() {
  local base=${1##*/}; base=${base,,}
  case "$base" in
    *.py|*.ipynb|pyproject.toml|setup.cfg|pipfile|requirements*.txt|environment*.yml|environment*.yaml) echo "$max" ;;
    *.lock) echo "$max_lock" ;;
    *.yml|*.yaml) echo "$max_yaml" ;;
    dockerfile*|containerfile*|*.dockerfile|*.sh) echo "$max_yaml" ;;
  esac
}

files=0 lines=0 missing=0 skipped=0
while IFS= read -r -d '' entry; do
  meta=${entry%%$'\t'*}; path=${entry#*$'\t'}
  read -r mode type sha size <<<"$meta"
  [[ $type == blob && $mode != 120000 ]] || continue
  case "/$path/" in */../*|*/./*|//*) continue ;; esac
  lim=$(limit_for "$path"); [[ -n $lim ]] || continue
  # ls-tree prints BAD for a blob the snapshot lacks (its largest files): left out and counted.
  [[ $size =~ ^[0-9]+$ ]] || { missing=$((missing + 1)); continue; }
  if (( size > lim )); then skipped=$((skipped + 1)); continue; fi
  mkdir -p "$out/$(dirname "$path")"
  if git cat-file blob "$sha" >"$out/$path" 2>/dev/null; then
    files=$((files + 1)); lines=$((lines + $(wc -l <"$out/$path")))
  else
    rm -f "$out/$path"; missing=$((missing + 1))
  fi
done < <(git ls-tree -r -l -z HEAD)

manifest="$root/MANIFEST.tsv"
(
  flock 9
  [[ -f $manifest ]] || printf 'repo\tcommit\tfiles\tlines\n' >"$manifest"
  tmp=$(mktemp); awk -F'\t' -v r="$repo" '$1 != r' "$manifest" >"$tmp"
  printf '%s\t%s\t%d\t%d\n' "$repo" "$commit" "$files" "$lines" >>"$tmp"; cat "$tmp" >"$manifest"; rm -f "$tmp"
) 9>"$root/.manifest.lock"
echo "$repo ${commit:0:8}: $files files, $lines lines ($skipped over the size limit, $missing absent from the snapshot)" >&2
