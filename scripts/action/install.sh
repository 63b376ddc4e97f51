#!/usr/bin/env bash
# Action step "Install trainlint": build the CLI from the action's own checkout (the tag the workflow
# named), so the check runs exactly that version. Prints where the CLI is for the next step.
set -euo pipefail
cd "${GITHUB_ACTION_PATH:?}"
if [ ! -f dist/cli.js ]; then
  npm ci --no-audit --no-fund --loglevel=error
  npm run --silent build
fi
node dist/cli.js --version
