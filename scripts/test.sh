#!/usr/bin/env bash
# `npm test`: provisions what is missing, starts the test profile's services (their own
# ports and data), then typecheck, lint, unit, integration and browser tests. Every stage
# runs; the exit code is non-zero if any failed. Stops everything it started.
set -uo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/app-processes.sh"
source "$(dirname "$0")/lib/e2e-target.sh"
cd "$ROOT"

bash scripts/provision.sh || exit 1
started_services=0
cleanup() {
  stop_app
  [ "$started_services" = 1 ] && bash scripts/services.sh down test
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# Services already running (a developer's earlier `services.sh up test`) are left running.
bash scripts/services.sh running test || started_services=1
bash scripts/services.sh up test || exit 1
set -a; source "$STATE_DIR/test.env"; set +a
export PORT="${TEST_PORT:-3100}" SERVER_NAME="${SERVER_NAME:-dqmflow-test}" AUTH_MODE=local NODE_ENV=production
LOGS="$ROOT/test-results/logs"; mkdir -p "$LOGS"

failed=()
stage() {
  local name="$1"; shift
  step "$name"
  if ! "$@"; then failed+=("$name"); printf '\033[1;31m%s failed\033[0m\n' "$name"; fi
}

stage migrate node bin/dqmflow.js migrate
stage typecheck npx --no-install tsc -p tsconfig.json --noEmit
stage lint npx --no-install eslint --max-warnings=0 .
stage "metric configs" node bin/dqmflow.js metrics check --strict config/metrics
stage "helm chart" bash deploy/helm/check.sh
stage "unit tests" npx --no-install vitest run --project unit
stage "integration tests" npx --no-install vitest run --project integration --no-file-parallelism
stage "remix build" npx --no-install remix build
if [[ ! " ${failed[*]} " =~ "remix build" ]]; then
  if ! prepare_e2e_target; then
    failed+=("browser test data")
  elif ! { start_worker "$LOGS/worker.log" && load_e2e_demo; }; then
    failed+=("browser test data")
    echo "worker log: $LOGS/worker.log" >&2; tail -n 20 "$LOGS/worker.log" >&2
  else
    start_web "$LOGS/web.log"
    if wait_for_url "http://127.0.0.1:$PORT/" "$LOGS/web.log"; then
      stage "browser tests" env E2E_BASE_URL="http://localhost:$PORT" npx --no-install playwright test
    else
      failed+=("web server start")
    fi
  fi
fi

if [ ${#failed[@]} -gt 0 ]; then
  printf '\033[1;31mFAILED:\033[0m %s\n' "${failed[*]}"
  exit 1
fi
step "all test stages passed"
