#!/usr/bin/env bash
# `npm start`: provisions what is missing, starts TimescaleDB and Temporal (dev profile),
# migrates, loads the demo data into an empty database, builds and runs the worker and the
# web app, prints the URLs, and on Ctrl-C stops everything it started.
set -uo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/app-processes.sh"
cd "$ROOT"

bash scripts/provision.sh || exit 1
cleanup() {
  echo
  step "stopping"
  stop_app
  bash scripts/services.sh down dev
}
trap cleanup EXIT
trap 'exit 0' INT TERM
bash scripts/services.sh up dev || exit 1
set -a; source "$STATE_DIR/dev.env"; set +a
export PORT="${PORT:-3000}" NODE_ENV=production
LOGS="$ROOT/.state/logs"; mkdir -p "$LOGS"

step "database: migrating"
node bin/dqmflow.js migrate || exit 1
step "demo data: loading into an empty database (skipped when data is there)"
node bin/dqmflow.js demo --if-empty || exit 1
step "web app: building"
run_step "remix build" npx --no-install remix build

start_worker "$LOGS/worker.log"
start_web "$LOGS/web.log"
wait_for_url "http://127.0.0.1:$PORT/" "$LOGS/web.log" || exit 1
cat <<MSG

  dqmflow is running
    app          http://localhost:$PORT
    Temporal UI  ${TEMPORAL_UI_URL:-(external cluster at $TEMPORAL_ADDRESS)}
    logs         .state/logs/

  Ctrl-C stops everything this command started.
MSG
wait -n "${APP_PIDS[@]}"
echo "a process exited; see .state/logs/" >&2
