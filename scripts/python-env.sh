#!/usr/bin/env bash
# Project-local Python environment (.tools/py) with the numerical references: scipy and numpy
# for independent expected values and benchmarks, uproot to write ROOT fixtures, and CMS's
# Run Registry client (runregistry, pinned) that the /rr compatibility test drives unchanged.
# Idempotent; prints the interpreter's path on stdout.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
PY="$TOOLS_DIR/py"
REQS="numpy scipy uproot awkward runregistry==3.1.2"
STAMP="$PY/.dqmflow-reqs"
if [ -x "$PY/bin/python" ] && [ "$(cat "$STAMP" 2>/dev/null)" = "$REQS" ]; then echo "$PY/bin/python"; exit 0; fi
step "python: creating .tools/py with $REQS" >&2
run_step "python venv" python3 -m venv "$PY"
# shellcheck disable=SC2086
run_step "pip install $REQS" "$PY/bin/pip" install -q $REQS
echo "$REQS" >"$STAMP"
echo "$PY/bin/python"
