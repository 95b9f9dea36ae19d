#!/usr/bin/env bash
# Runs the benchmarks against a stack of their own: bash tests/bench/run.sh [bench args...]
set -euo pipefail
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
BUILD_DIR=${VNN_BUILD_DIR:-$REPO_ROOT/build}
STACK="$REPO_ROOT/deploy/local/stack.sh"
VNN_BUILD_DIR=$BUILD_DIR bash "$REPO_ROOT/tools/build.sh"
export VNN_STACK_DIR=$REPO_ROOT/.local/bench-stack VNN_PG_PORT=26432 VNN_NATS_PORT=26222 \
  VNN_NATS_WS_PORT=26280 VNN_NATS_HTTP_PORT=29222
trap 'bash "$STACK" stop >/dev/null 2>&1 || true' EXIT
bash "$STACK" purge >/dev/null 2>&1 || true
eval "$(bash "$STACK" start)"
"$BUILD_DIR/tests/bench/vnn-platform-bench" "$@"
