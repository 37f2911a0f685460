#!/usr/bin/env bash
# The chart check of `npm test`, offline: `helm lint --strict` and `helm template` of the chart
# with each values file of dqmflow/ci/, every rendered object validated strictly against the
# Kubernetes schemas of the oldest and newest supported releases (kubernetes-validate's vendored
# JSON schemas: unknown fields, wrong types and missing required fields fail), the objects each
# scenario must produce counted, and wrong values refused with a message naming the value.
set -uo pipefail
source "$(dirname "$0")/../../scripts/lib/common.sh"

CHART="$ROOT/deploy/helm/dqmflow"
HELM="$TOOLS_DIR/bin/helm"
VALIDATE="$TOOLS_DIR/kubernetes-validate/bin/kubernetes-validate"
KUBE_VERSIONS=(1.29.0 1.34.0)
for tool in "$HELM" "$VALIDATE"; do
  [ -x "$tool" ] || { echo "chart check: $tool is missing; run bash scripts/provision.sh" >&2; exit 1; }
done

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
failures=0
fail() { printf '\033[1;31mchart check:\033[0m %s\n' "$*" >&2; failures=$((failures + 1)); }

# expect_kinds FILE "Kind=count …": the rendered objects of each kind.
expect_kinds() {
  local file="$1"; shift
  for want in "$@"; do
    local kind="${want%=*}" count="${want#*=}" got
    got="$(grep -c "^kind: $kind\$" "$file")"
    [ "$got" = "$count" ] || fail "$(basename "$file"): $count $kind expected, $got rendered"
  done
}

render() {
  local name="$1" values="$2" kube="$3"
  "$HELM" template dqm "$CHART" --namespace dqm --kube-version "$kube" -f "$values" >"$out/$name-$kube.yaml" 2>"$out/err" || { fail "helm template -f $values: $(cat "$out/err")"; return 1; }
}

for values in "$CHART"/ci/*-values.yaml; do
  name="$(basename "$values" -values.yaml)"
  "$HELM" lint --strict "$CHART" -f "$values" >"$out/lint" 2>&1 || fail "helm lint --strict -f $values: $(grep -E 'ERROR|WARNING' "$out/lint")"
  for kube in "${KUBE_VERSIONS[@]}"; do
    render "$name" "$values" "$kube" || continue
    "$VALIDATE" --strict --quiet -k "$kube" "$out/$name-$kube.yaml" >"$out/validate" 2>&1 || fail "$name against Kubernetes $kube: $(cat "$out/validate")"
  done
  printf '    %s: %s\n' "$name" "$(grep '^kind: ' "$out/$name-${KUBE_VERSIONS[0]}.yaml" 2>/dev/null | sort | uniq -c | awk '{printf "%s %s, ", $1, $3}' | sed 's/, $//')"
done

first="${KUBE_VERSIONS[0]}"
expect_kinds "$out/external-proxy-$first.yaml" Deployment=2 Service=1 Job=1 Secret=1 ConfigMap=1 PodDisruptionBudget=2 StatefulSet=0 HorizontalPodAutoscaler=0
expect_kinds "$out/cluster-oidc-$first.yaml" Deployment=2 Service=2 Job=2 Secret=1 StatefulSet=1 HorizontalPodAutoscaler=1
expect_kinds "$out/existing-secret-$first.yaml" Deployment=2 Job=1 Secret=0

# What each scenario promises, read off the rendered objects.
grep -q 'api/trpc/health.status' "$out/external-proxy-$first.yaml" || fail "web readiness probe does not ask health.status"
grep -q 'name: DQM_STORAGE_DIR' "$out/existing-secret-$first.yaml" || fail "without the schedule Job the workers must get DQM_STORAGE_DIR"
grep -q '"node", "bin/dqmflow.js", "schedule"' "$out/cluster-oidc-$first.yaml" || fail "the schedule Job does not run dqmflow schedule"
grep -q 'key: session-secret' "$out/cluster-oidc-$first.yaml" || fail "oidc mode does not read the session secret from the Secret"
grep -q 'name: dqmflow-prod, key: database-url' "$out/existing-secret-$first.yaml" || fail "an existing Secret's database-url is not used"
# Pre-install hooks run before the release's own objects: the migrations Job may use only the
# Secret (itself a hook, made first) and nothing else of the release.
migrate_job="$(awk '/name: dqm-dqmflow-migrate/,/^---/' "$out/external-proxy-$first.yaml")"
[ -n "$migrate_job" ] || fail "no migrations Job rendered"
grep -q 'serviceAccountName' <<<"$migrate_job" && fail "the migrations hook names the release's ServiceAccount, which does not exist yet at pre-install"
grep -q 'configMapRef' <<<"$migrate_job" && fail "the migrations hook reads the release's ConfigMap, which does not exist yet at pre-install"
awk '/^kind: Secret/,/^---/' "$out/external-proxy-$first.yaml" | grep -q 'helm.sh/hook-weight: "-10"' || fail "the Secret is not made before the migrations hook"
awk '/name: dqm-dqmflow-migrate/,/^---/' "$out/cluster-oidc-$first.yaml" | grep -q 'helm.sh/hook: post-install,pre-upgrade' || fail "with the chart's own TimescaleDB the first migrations must run after install (the database does not exist before)"

# refuse "what" MESSAGE ARGS…: helm template must fail and say MESSAGE.
refuse() {
  local message="$1"; shift
  if "$HELM" template dqm "$CHART" --kube-version "$first" "$@" >/dev/null 2>"$out/err"; then
    fail "accepted: $*"
  elif ! grep -qF -- "$message" "$out/err"; then
    fail "refused $* without saying '$message': $(cat "$out/err")"
  fi
}
refuse "at '/auth/mode': value must be one of 'proxy', 'oidc'" --set secrets.databaseUrl=postgres://db/x --set auth.mode=local
refuse "secrets.databaseUrl: required" --set auth.mode=proxy
refuse "at '/secrets/databaseUrl'" --set secrets.databaseUrl=mysql://db/x
refuse "at '/temporal/address'" --set secrets.databaseUrl=postgres://db/x --set temporal.address=temporal
refuse "temporal.tls.secretName: required" --set secrets.databaseUrl=postgres://db/x --set temporal.tls.enabled=true
refuse "secrets.oidcClientSecret and secrets.sessionSecret" --set secrets.databaseUrl=postgres://db/x --set auth.mode=oidc --set auth.oidc.env.OIDC_ISSUER=https://sso --set auth.oidc.env.OIDC_CLIENT_ID=c --set auth.oidc.env.PUBLIC_URL=https://dqm
refuse "missing property 'PUBLIC_URL'" --set secrets.databaseUrl=postgres://db/x --set auth.mode=oidc --set auth.oidc.env.OIDC_ISSUER=https://sso --set auth.oidc.env.OIDC_CLIENT_ID=c
refuse "secrets.existingSecret: name the Secret" --set secrets.create=false
refuse "at '/worker/terminationGracePeriodSeconds'" --set secrets.databaseUrl=postgres://db/x --set worker.terminationGracePeriodSeconds=30

# The validator itself must catch a broken object (so a pass above means something).
printf 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec:\n  replicas: 2\n  selector: {}\n  template: {spec: {containers: [{name: a, image: b, readinessProbe: {httpGet: {port: 80}, bogus: 1}}]}}\n' >"$out/broken.yaml"
"$VALIDATE" --strict --quiet -k "$first" "$out/broken.yaml" >/dev/null 2>&1 && fail "kubernetes-validate accepted an object with an unknown field"

if [ "$failures" -gt 0 ]; then echo "chart check: $failures failure(s)" >&2; exit 1; fi
echo "    chart renders and validates against Kubernetes ${KUBE_VERSIONS[*]} (3 scenarios, 9 refusals)"
