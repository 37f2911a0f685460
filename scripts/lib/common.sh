# Shared helpers for dqmflow's shell scripts: step logging and failure reporting.
# Sourced, never run. ROOT is the project root.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOLS_DIR="$ROOT/.tools"
STATE_DIR="$ROOT/.state"
mkdir -p "$TOOLS_DIR" "$STATE_DIR"

step() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
skip() { printf '    %s\n' "$*"; }

# run_step NAME CMD...: runs CMD, and on failure names the step and the command that failed.
run_step() {
  local name="$1"; shift
  local log; log="$(mktemp)"
  if ! "$@" >"$log" 2>&1; then
    printf '\033[1;31mstep failed:\033[0m %s\n  command: %s\n  last output:\n' "$name" "$*" >&2
    tail -n 30 "$log" | sed 's/^/    /' >&2
    rm -f "$log"
    exit 1
  fi
  rm -f "$log"
}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
