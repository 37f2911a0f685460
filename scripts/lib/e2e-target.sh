# The browser tests' target: the demo season in a database and a Temporal namespace of their
# own (dqmflow_e2e, dqmflow-e2e) next to the integration tests' ones, so integration tests'
# runs never show on the pages under test and workflow ids never collide. Sourced by test.sh
# after the test services' env is exported; `prepare_e2e_target` exports the target's env.
E2E_DATABASE="dqmflow_e2e"
# The project's own temporal CLI (provision.sh puts it in .tools/bin) unless one is on PATH.
temporal() { if [ -x "$TOOLS_DIR/bin/temporal" ]; then "$TOOLS_DIR/bin/temporal" "$@"; else command temporal "$@"; fi; }
E2E_NAMESPACE="dqmflow-e2e"

# The watched folders of the browser tests' worker (journeys drop their own files there too).
E2E_INCOMING="$ROOT/.data/test/e2e-incoming"

ensure_database() {
  local url="$1" name="$2"
  if ! psql "$url" -v ON_ERROR_STOP=1 -tAc "select 1 from pg_database where datname = '$name'" | grep -q 1; then
    run_step "create database $name" psql "$url" -v ON_ERROR_STOP=1 -qc "create database $name"
  fi
}

# ensure_namespace ADDRESS NAME: creates the namespace and dqmflow's search attributes when
# missing and waits until the server serves it (a new namespace takes a few seconds).
ensure_namespace() {
  local address="$1" ns="$2"
  if ! temporal operator namespace describe --address "$address" --namespace "$ns" >/dev/null 2>&1; then
    run_step "create Temporal namespace $ns" temporal operator namespace create --address "$address" --namespace "$ns" --retention 72h
  fi
  for _ in $(seq 1 60); do
    temporal workflow list --address "$address" --namespace "$ns" --limit 1 >/dev/null 2>&1 && break
    sleep 0.5
  done
  local existing; existing="$(temporal operator search-attribute list --address "$address" --namespace "$ns" 2>/dev/null || true)"
  local attr
  for attr in RunNumber=Int Stage=Keyword CertStatus=Keyword RunClass=Keyword; do
    grep -qw "${attr%%=*}" <<<"$existing" && continue
    run_step "register search attribute ${attr%%=*} in $ns" temporal operator search-attribute create \
      --address "$address" --namespace "$ns" --name "${attr%%=*}" --type "${attr#*=}"
  done
}

# prepare_e2e_target: database, namespace and watched folders of the browser tests, exported
# (a short scan interval, so a journey's dropped file is ingested within seconds).
prepare_e2e_target() {
  ensure_database "$DATABASE_URL" "$E2E_DATABASE" || return 1
  ensure_namespace "$TEMPORAL_ADDRESS" "$E2E_NAMESPACE" || return 1
  export DATABASE_URL="${DATABASE_URL%/*}/$E2E_DATABASE" TEMPORAL_NAMESPACE="$E2E_NAMESPACE"
  export DQM_STORAGE_DIR="$E2E_INCOMING/dqm" OMS_DROP_DIR="$E2E_INCOMING/oms" INGEST_SCAN_INTERVAL_S=2
  node bin/dqmflow.js migrate >/dev/null || return 1
  # A database without runs starts afresh: files and workflows left from one since dropped would
  # be ingested again into it, or be signalled in place of the new runs' workflows.
  if ! psql "$DATABASE_URL" -tAc "select 1 from run limit 1" | grep -q 1; then
    rm -rf "$E2E_INCOMING"
    temporal workflow terminate --address "$TEMPORAL_ADDRESS" --namespace "$E2E_NAMESPACE" --query "ExecutionStatus='Running'" \
      --reason "browser tests: database $E2E_DATABASE starts afresh" --yes >/dev/null 2>&1 || true
  fi
  mkdir -p "$DQM_STORAGE_DIR" "$OMS_DROP_DIR"
}

# load_e2e_demo: the demo season through the pipeline (needs the worker started after
# prepare_e2e_target); loaded once and kept between runs. Waits, bounded, until the schedule has
# ingested the live runs' files and each run is where the demo's plan leaves it.
load_e2e_demo() {
  step "browser tests: demo season in $E2E_DATABASE through the watched folders (loaded once, kept between runs)"
  local t0=$SECONDS
  node bin/dqmflow.js demo --if-empty --wait-s "${E2E_DEMO_WAIT_S:-600}" || return 1
  skip "demo season ready in $((SECONDS - t0)) s"
}
