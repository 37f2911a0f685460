#!/usr/bin/env bash
# Starts and stops the real services dqmflow runs on: a TimescaleDB cluster in .data/ and the
# Temporal dev server with its Web UI. Two profiles on different ports, so the test suite
# never touches the data of a running product:
#   dev  — PostgreSQL 55432, Temporal 7233, UI 8233
#   test — PostgreSQL 55433, Temporal 7243, UI 8243
#   alt1…alt4 — spare profiles (PostgreSQL 5544N, Temporal 725N, UI 825N) for a second checkout
#   or a parallel piece of work on the same machine
# Usage: services.sh up|down|env|running|restart-db|restart-temporal [dev|test|alt1…alt4]
#   running: exit 0 when both are up; restart-db / restart-temporal: restart that running service
#   of the profile with the same data, ports and flags (the fault tests use them)
# `up` writes .state/<profile>.env with DATABASE_URL, TEMPORAL_ADDRESS and TEMPORAL_UI_URL.
# With DATABASE_URL or TEMPORAL_ADDRESS already set, that service is used as it is.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

ACTION="${1:-up}"; PROFILE="${2:-dev}"
case "$PROFILE" in
  dev)  PG_PORT=55432; T_PORT=7233; UI_PORT=8233 ;;
  test) PG_PORT=55433; T_PORT=7243; UI_PORT=8243 ;;
  alt[1-4]) n="${PROFILE#alt}"; PG_PORT=$((55440 + n)); T_PORT=$((7250 + n)); UI_PORT=$((8250 + n)) ;;
  *) echo "services.sh: unknown profile '$PROFILE' (dev|test|alt1…alt4)" >&2; exit 2 ;;
esac
PG_BIN=/usr/lib/postgresql/15/bin
DATA="$ROOT/.data/$PROFILE"
PG_DATA="$DATA/pg"
T_PID="$STATE_DIR/temporal-$PROFILE.pid"
ENV_FILE="$STATE_DIR/$PROFILE.env"
EXTERNAL_DB="${DATABASE_URL:-}"; EXTERNAL_TEMPORAL="${TEMPORAL_ADDRESS:-}"
export PATH="$TOOLS_DIR/bin:$PATH"

# PostgreSQL refuses to run as root: as root, its commands run as the postgres user.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

refuse_taken_port() {
  echo "services.sh: port $1 is already taken by another process, so $2 cannot start there." >&2
  echo "  Free it (see: ss -ltnp 'sport = :$1') or point $3 at an existing service." >&2
  exit 1
}

pg_running() { as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; }

pg_up() {
  if [ -n "$EXTERNAL_DB" ]; then skip "database: DATABASE_URL set, using it"; return; fi
  if [ ! -f "$PG_DATA/PG_VERSION" ]; then
    step "TimescaleDB ($PROFILE): creating a cluster in .data/$PROFILE/pg"
    mkdir -p "$PG_DATA"; [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$DATA"
    run_step "initdb" as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8
    cat >>"$PG_DATA/postgresql.conf" <<CONF
shared_preload_libraries = 'timescaledb'
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_DATA'
timescaledb.telemetry_level = off
max_connections = 200
shared_buffers = 512MB
fsync = on
synchronous_commit = off
CONF
  fi
  if pg_running; then skip "TimescaleDB ($PROFILE) already running on $PG_PORT"
  else
    port_taken "$PG_PORT" && refuse_taken_port "$PG_PORT" "TimescaleDB" DATABASE_URL
    step "TimescaleDB ($PROFILE): starting on 127.0.0.1:$PG_PORT"
    run_step "pg_ctl start" as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w -t 60 start
  fi
  if ! as_pg "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -tAc "select 1 from pg_database where datname='dqmflow'" | grep -q 1; then
    run_step "createdb dqmflow" as_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres dqmflow
  fi
}

temporal_running() { [ -f "$T_PID" ] && kill -0 "$(cat "$T_PID")" 2>/dev/null; }

temporal_up() {
  if [ -n "$EXTERNAL_TEMPORAL" ]; then skip "Temporal: TEMPORAL_ADDRESS set, using it"; return; fi
  if temporal_running; then skip "Temporal ($PROFILE) already running on $T_PORT (UI $UI_PORT)"; return; fi
  command -v temporal >/dev/null || { echo "services.sh: no temporal binary; run scripts/provision.sh" >&2; exit 1; }
  port_taken "$T_PORT" && refuse_taken_port "$T_PORT" "the Temporal dev server" TEMPORAL_ADDRESS
  port_taken "$UI_PORT" && refuse_taken_port "$UI_PORT" "the Temporal Web UI" TEMPORAL_ADDRESS
  step "Temporal ($PROFILE): dev server on 127.0.0.1:$T_PORT, Web UI on :$UI_PORT"
  mkdir -p "$DATA"
  nohup temporal server start-dev --ip 127.0.0.1 --port "$T_PORT" --ui-port "$UI_PORT" \
    --http-port 0 --metrics-port 0 \
    --db-filename "$DATA/temporal.db" --namespace default --log-level warn \
    --search-attribute RunNumber=Int --search-attribute Stage=Keyword \
    --search-attribute CertStatus=Keyword --search-attribute RunClass=Keyword \
    >"$DATA/temporal.log" 2>&1 &
  echo $! >"$T_PID"
  for _ in $(seq 1 120); do
    if temporal operator cluster health --address "127.0.0.1:$T_PORT" 2>/dev/null | grep -q SERVING; then return; fi
    if ! temporal_running; then echo "services.sh: the Temporal dev server exited; its log:" >&2; tail -n 20 "$DATA/temporal.log" >&2; exit 1; fi
    sleep 0.5
  done
  echo "services.sh: the Temporal dev server did not become healthy in 60 s; see $DATA/temporal.log" >&2; exit 1
}

write_env() {
  {
    echo "DATABASE_URL=${EXTERNAL_DB:-postgres://postgres@127.0.0.1:$PG_PORT/dqmflow}"
    echo "TEMPORAL_ADDRESS=${EXTERNAL_TEMPORAL:-127.0.0.1:$T_PORT}"
    if [ -z "$EXTERNAL_TEMPORAL" ]; then echo "TEMPORAL_UI_URL=http://localhost:$UI_PORT"; fi
  } >"$ENV_FILE"
}

temporal_down() {
  if temporal_running; then
    step "Temporal ($PROFILE): stopping"
    kill "$(cat "$T_PID")" 2>/dev/null || true
    for _ in $(seq 1 40); do temporal_running || break; sleep 0.25; done
    temporal_running && kill -9 "$(cat "$T_PID")" 2>/dev/null || true
  fi
  rm -f "$T_PID"
}

pg_down() {
  if [ -f "$PG_DATA/PG_VERSION" ] && pg_running; then
    step "TimescaleDB ($PROFILE): stopping"
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null
  fi
}

down() { temporal_down; pg_down; }

# Restarts act on the profile's own services, whatever DATABASE_URL / TEMPORAL_ADDRESS say.
restart_db() {
  if ! { [ -f "$PG_DATA/PG_VERSION" ] && pg_running; }; then
    echo "services.sh: TimescaleDB ($PROFILE) is not running, so it cannot be restarted; 'up $PROFILE' starts it" >&2; exit 1
  fi
  step "TimescaleDB ($PROFILE): restarting (fast: open connections are ended)"
  run_step "pg_ctl restart" as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -m fast -w -t 60 restart
}

restart_temporal() {
  if ! temporal_running; then
    echo "services.sh: Temporal ($PROFILE) is not running, so it cannot be restarted; 'up $PROFILE' starts it" >&2; exit 1
  fi
  temporal_down
  EXTERNAL_TEMPORAL=""
  temporal_up
}

case "$ACTION" in
  up) pg_up; temporal_up; write_env ;;
  down) down ;;
  env) write_env; cat "$ENV_FILE" ;;
  running) [ -f "$PG_DATA/PG_VERSION" ] && pg_running && temporal_running ;;
  restart-db) restart_db ;;
  restart-temporal) restart_temporal ;;
  *) echo "services.sh: unknown action '$ACTION' (up|down|env|running|restart-db|restart-temporal)" >&2; exit 2 ;;
esac
