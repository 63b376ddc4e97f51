#!/usr/bin/env bash
# Action step "Check": one SARIF report for code scanning, GitHub annotations in the log, and the exit
# code as a step output (the job fails in the "Result" step, after the SARIF upload).
# Env: GITHUB_ACTION_PATH, GITHUB_OUTPUT, INPUT_PATHS, INPUT_ARGS, INPUT_FAIL_ON, INPUT_SARIF_FILE.
set -uo pipefail
cli=("node" "${GITHUB_ACTION_PATH:?}/dist/cli.js")
read -r -a paths <<< "${INPUT_PATHS:-.}"
read -r -a args <<< "${INPUT_ARGS:-}"
sarif=${INPUT_SARIF_FILE:-trainlint.sarif}
fail_on=${INPUT_FAIL_ON:-warning}
gate=(--fail-on "$fail_on")
[ "$fail_on" = never ] && gate=(--exit-zero)

"${cli[@]}" check --format sarif "${gate[@]}" "${args[@]}" "${paths[@]}" > "$sarif"
code=$?
if [ "$code" -ge 2 ]; then
  echo "::error title=trainlint::trainlint check failed with exit code $code (a usage or internal error; see above)"
  rm -f "$sarif"
  echo "exit-code=$code" >> "${GITHUB_OUTPUT:?}"
  exit "$code"
fi
# The same findings as annotations on the changed lines (exit code already known).
"${cli[@]}" check --format github --exit-zero "${args[@]}" "${paths[@]}" || true
{
  echo "exit-code=$code"
  echo "sarif-file=$sarif"
} >> "${GITHUB_OUTPUT:?}"
exit 0
