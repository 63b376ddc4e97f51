#!/usr/bin/env bash
# Action step "Result": fail the job when the check found something at or above `fail-on`.
code=${1:-2}
if [ "$code" = 0 ]; then echo "trainlint: no findings at or above the threshold"; exit 0; fi
if [ "$code" = 1 ]; then echo "::error title=trainlint::trainlint found problems (see the annotations and the code scanning alerts)"; fi
exit "$code"
