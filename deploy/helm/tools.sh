#!/usr/bin/env bash
# Installs the chart check's tools into .tools, from package registries only, and skips what is
# there: helm (built from its Go module with the machine's Go, ~3 min on 2 cores, once) and
# kubernetes-validate (a PyPI package that carries the Kubernetes JSON schemas of 1.x releases,
# so validation needs no network). Run by scripts/provision.sh.
set -euo pipefail
source "$(dirname "$0")/../../scripts/lib/common.sh"

HELM_VERSION=v3.19.5
KUBERNETES_VALIDATE_VERSION=1.37.0
HELM="$TOOLS_DIR/bin/helm"
KV_VENV="$TOOLS_DIR/kubernetes-validate"

provision_helm() {
  if [ -x "$HELM" ] && "$HELM" version --template '{{.Version}}' 2>/dev/null | grep -qx "$HELM_VERSION"; then
    skip "helm $HELM_VERSION already in .tools/bin"; return
  fi
  command -v go >/dev/null 2>&1 || { echo "step failed: helm: needs Go to build helm.sh/helm/v3/cmd/helm@$HELM_VERSION (no Go on PATH)" >&2; exit 1; }
  step "helm $HELM_VERSION: building its Go module into .tools/bin (a few minutes, once)"
  mkdir -p "$TOOLS_DIR/bin"
  # The version ldflag is what helm's Makefile sets; without it `helm version` says v3.19.
  run_step "go install helm" env GOBIN="$TOOLS_DIR/bin" GOFLAGS=-buildvcs=false \
    go install -ldflags "-s -w -X helm.sh/helm/v3/internal/version.version=$HELM_VERSION" "helm.sh/helm/v3/cmd/helm@$HELM_VERSION"
}

provision_kubernetes_validate() {
  if [ -x "$KV_VENV/bin/kubernetes-validate" ] && [ "$("$KV_VENV/bin/kubernetes-validate" --version 2>/dev/null)" = "$KUBERNETES_VALIDATE_VERSION" ]; then
    skip "kubernetes-validate $KUBERNETES_VALIDATE_VERSION already in .tools"; return
  fi
  step "kubernetes-validate $KUBERNETES_VALIDATE_VERSION: Kubernetes schemas for the chart check, into .tools"
  run_step "python venv" python3 -m venv "$KV_VENV"
  run_step "pip install kubernetes-validate" "$KV_VENV/bin/pip" install -q "kubernetes-validate==$KUBERNETES_VALIDATE_VERSION"
}

provision_helm
provision_kubernetes_validate
