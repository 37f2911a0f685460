# Starts the worker and the web server in the background (after a Remix build) and stops
# them again. Sourced by start.sh and test.sh; expects the services' env to be exported.

APP_PIDS=()

start_worker() {
  node --import tsx "$ROOT/workflows/worker.ts" >"$1" 2>&1 &
  APP_PIDS+=($!)
}

start_web() {
  node --import tsx "$ROOT/app/http-server.ts" >"$1" 2>&1 &
  APP_PIDS+=($!)
}

# wait_for_url URL LOG: polls until the URL answers, or fails showing the log.
wait_for_url() {
  for _ in $(seq 1 120); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.5
  done
  echo "no answer from $1 within 60 s; last lines of $2:" >&2; tail -n 20 "$2" >&2
  return 1
}

stop_app() {
  for pid in "${APP_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${APP_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  APP_PIDS=()
}
