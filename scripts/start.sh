#!/usr/bin/env bash
# `npm start`: provisions what is missing, starts TimescaleDB and Temporal (dev profile),
# migrates, builds and runs the worker and the web app, prints the URLs and the watched
# folders, then (into an empty database) loads the demo season through the pipeline: its DQM
# and OMS files are dropped in the watched folders and the ingest schedule takes them from
# there. On Ctrl-C it stops everything it started.
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
# The watched folders: DQM ROOT files (DQM GUI layout) and OMS run metadata dropped here are
# ingested by the Temporal Schedule every INGEST_SCAN_INTERVAL_S seconds.
export DQM_STORAGE_DIR="${DQM_STORAGE_DIR:-$ROOT/.data/dev/incoming/dqm}" OMS_DROP_DIR="${OMS_DROP_DIR:-$ROOT/.data/dev/incoming/oms}"
export INGEST_SCAN_INTERVAL_S="${INGEST_SCAN_INTERVAL_S:-10}"
mkdir -p "$DQM_STORAGE_DIR" "$OMS_DROP_DIR"
LOGS="$ROOT/.state/logs"; mkdir -p "$LOGS"

step "database: migrating"
node bin/dqmflow.js migrate || exit 1
step "web app: building"
run_step "remix build" npx --no-install remix build

start_worker "$LOGS/worker.log"
start_web "$LOGS/web.log"
wait_for_url "http://127.0.0.1:$PORT/" "$LOGS/web.log" || exit 1
cat <<MSG

  dqmflow is running
    app          http://localhost:$PORT
    Temporal UI  ${TEMPORAL_UI_URL:-(external cluster at $TEMPORAL_ADDRESS)}
    watched      DQM files  $DQM_STORAGE_DIR
                 OMS files  $OMS_DROP_DIR   (scanned every ${INGEST_SCAN_INTERVAL_S} s)
    logs         .state/logs/

  Ctrl-C stops everything this command started.
MSG
step "demo season: loading through the pipeline into an empty database (skipped when data is there)"
# Watch it in the Temporal UI: the schedule's scans start ingest-file workflows, which wake certify-run.
node bin/dqmflow.js demo --if-empty || echo "demo season: not fully loaded (see above); the app keeps running" >&2
wait -n "${APP_PIDS[@]}"
echo "a process exited; see .state/logs/" >&2
