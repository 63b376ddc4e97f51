#!/usr/bin/env bash
# code-server with a throwaway profile on 127.0.0.1 (sourced by run-all.sh; needs tools.sh's variables).
#   cs_profile DIR              user-data-dir + extensions-dir + config under DIR, on a free port
#   cs_install_vsix DIR VSIX    install a VSIX into DIR's extensions-dir
#   cs_start DIR [args...]      start code-server in its own process group, wait for /healthz -> CS_URL, CS_PID
#   cs_stop                     stop the process group started by cs_start (also called from run-all's trap)

cs_free_port() {
  node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

cs_profile() {
  local dir=$1
  mkdir -p "$dir/user-data/User" "$dir/extensions"
  # files.autoSave off: a quick fix must stay an unsaved edit (the workspace is a copy anyway).
  cat > "$dir/user-data/User/settings.json" <<'JSON'
{
  "files.autoSave": "off",
  "workbench.startupEditor": "none",
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "update.mode": "none",
  "workbench.enableExperiments": false,
  "workbench.tips.enabled": false,
  "chat.disableAIFeatures": true,
  "git.enabled": false,
  "window.restoreWindows": "none",
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "editor.wordWrap": "on",
  "editor.minimap.enabled": false
}
JSON
  printf 'bind-addr: 127.0.0.1:%s\nauth: none\ncert: false\n' "$(cs_free_port)" > "$dir/config.yaml"
}

_cs_args() { echo --config "$1/config.yaml" --user-data-dir "$1/user-data" --extensions-dir "$1/extensions"; }

cs_install_vsix() {
  # shellcheck disable=SC2046
  "$NODE24" "$CODE_SERVER_ENTRY" $(_cs_args "$1") --install-extension "$2"
}

cs_start() {
  local dir=$1; shift
  local port; port=$(sed -n 's/^bind-addr: 127.0.0.1:\([0-9]*\)$/\1/p' "$dir/config.yaml")
  # setsid: code-server and everything it spawns (extension host, language server) share one process
  # group that cs_stop can end as a whole.
  # shellcheck disable=SC2046
  setsid "$NODE24" "$CODE_SERVER_ENTRY" $(_cs_args "$dir") --disable-telemetry --disable-update-check \
    --disable-workspace-trust --disable-getting-started-override --ignore-last-opened "$@" \
    > "$dir/code-server.log" 2>&1 &
  CS_PID=$!
  CS_URL="http://127.0.0.1:$port"
  local i
  for i in $(seq 1 120); do
    curl -fsS "$CS_URL/healthz" >/dev/null 2>&1 && return 0
    kill -0 "$CS_PID" 2>/dev/null || break
    sleep 0.5
  done
  echo "code-server did not come up on $CS_URL; log $dir/code-server.log:"; tail -20 "$dir/code-server.log"
  cs_stop; return 1
}

cs_stop() {
  [ -n "${CS_PID:-}" ] || return 0
  kill -TERM -- "-$CS_PID" 2>/dev/null || true
  local i; for i in $(seq 1 20); do kill -0 -- "-$CS_PID" 2>/dev/null || break; sleep 0.25; done
  kill -KILL -- "-$CS_PID" 2>/dev/null || true
  wait "$CS_PID" 2>/dev/null || true
  CS_PID=
}
