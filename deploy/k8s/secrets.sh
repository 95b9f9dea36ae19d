#!/usr/bin/env bash
# Prints every Secret the manifests reference, filled with new random values, as YAML for
# `kubectl apply -f -`. For a development cluster as it is; for production, the same names and
# keys from the site's secret store (docs/operations.md, "Secrets"). Run it once: running it
# again makes new passwords and keys, and new keys lose the data hashed or sealed with the old.
# The issuer's private key (for minting tokens, e.g. with vnn-token) is written to $1.
# usage: deploy/k8s/secrets.sh ISSUER_KEY_OUT [NAMESPACE] | kubectl apply -f -
set -euo pipefail

ISSUER_KEY_OUT=${1:?usage: secrets.sh ISSUER_KEY_OUT [NAMESPACE]}
NAMESPACE=${2:-vnn}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# Hex: safe inside DSNs (postgresql://user:password@…) and NATS configuration alike.
# Passwords begin with a letter: nats-server reads "$VAR" values as configuration, and one
# beginning with digits is taken for a number (deploy/k8s/base/nats/users.conf).
password() { printf 'v%s\n' "$(openssl rand -hex 24)"; }
key32() { openssl rand -hex 32 >"$1"; }  # 64 characters, as vnn-token writes keys
secret() { # name, then kubectl create secret generic arguments
  local name=$1
  shift
  kubectl create secret generic "$name" -n "$NAMESPACE" --dry-run=client -o yaml "$@"
  echo ---
}
basic_auth() { secret "$1" --type=kubernetes.io/basic-auth --from-literal=username="$2" \
  --from-literal=password="$(password)"; }

# PostgreSQL: the migrator (database owner) and each service's runtime role.
basic_auth vnn-db-migrator vnn_migrator
basic_auth vnn-donation-db vnn_donation
basic_auth vnn-household-review-db vnn_household_review
basic_auth vnn-allocation-db vnn_allocation
basic_auth vnn-reporting-db vnn_reporting

# NATS: one user per service; the nats StatefulSet reads the same Secrets.
secret vnn-donation-nats --from-literal=password="$(password)"
secret vnn-household-review-nats --from-literal=password="$(password)"
secret vnn-allocation-nats --from-literal=password="$(password)"
secret vnn-reporting-nats --from-literal=password="$(password)"
# vnn_tools: read-only, the progress snapshots of the key-value bucket vnn_progress (dashboards).
secret vnn-tools-nats --from-literal=password="$(password)"

# Tokens: the issuer's public key, donation's and allocation's own key pairs for calling
# household review, and reporting's for calling donation and allocation (reconciliation).
openssl ecparam -name prime256v1 -genkey -noout -out "$WORK/issuer.key"
openssl ec -in "$WORK/issuer.key" -pubout -out "$WORK/prod-1.pub" 2>/dev/null
openssl ecparam -name prime256v1 -genkey -noout -out "$WORK/donation-1.key"
openssl ec -in "$WORK/donation-1.key" -pubout -out "$WORK/donation-1.pub" 2>/dev/null
openssl ecparam -name prime256v1 -genkey -noout -out "$WORK/allocation-1.key"
openssl ec -in "$WORK/allocation-1.key" -pubout -out "$WORK/allocation-1.pub" 2>/dev/null
openssl ecparam -name prime256v1 -genkey -noout -out "$WORK/reporting-1.key"
openssl ec -in "$WORK/reporting-1.key" -pubout -out "$WORK/reporting-1.pub" 2>/dev/null
install -m 0600 "$WORK/issuer.key" "$ISSUER_KEY_OUT"
secret vnn-jwt-keys --from-file=prod-1.pub="$WORK/prod-1.pub" \
  --from-file=donation-1.pub="$WORK/donation-1.pub" \
  --from-file=allocation-1.pub="$WORK/allocation-1.pub" \
  --from-file=reporting-1.pub="$WORK/reporting-1.pub"
secret vnn-donation-signing-key --from-file=private-key="$WORK/donation-1.key"
secret vnn-allocation-signing-key --from-file=private-key="$WORK/allocation-1.key"
secret vnn-reporting-signing-key --from-file=private-key="$WORK/reporting-1.key"

# The services' data keys (32+ bytes; two different ones for household review).
key32 "$WORK/donor"
key32 "$WORK/citizen"
key32 "$WORK/personal"
# Each service's page-token key: every replica of the service signs and checks list page tokens
# with it (rotation: deploy/k8s/README.md).
key32 "$WORK/donation-page"
key32 "$WORK/household-page"
key32 "$WORK/allocation-page"
key32 "$WORK/reporting-page"
secret vnn-donation-keys --from-file=donor-id-hash-key="$WORK/donor" \
  --from-file=page-token-key="$WORK/donation-page"
secret vnn-household-review-keys --from-file=citizen-id-hash-key="$WORK/citizen" \
  --from-file=personal-data-key="$WORK/personal" \
  --from-file=page-token-key="$WORK/household-page"
secret vnn-allocation-keys --from-file=page-token-key="$WORK/allocation-page"
secret vnn-reporting-keys --from-file=page-token-key="$WORK/reporting-page"
