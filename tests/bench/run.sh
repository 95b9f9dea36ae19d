#!/usr/bin/env bash
# Runs the benchmarks against a stack of their own:
#   bash tests/bench/run.sh [platform|donation|household|all] [bench args...]
# With no selector, arguments go to the platform bench as before; with none at all, all run.
set -euo pipefail
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
BUILD_DIR=${VNN_BUILD_DIR:-$REPO_ROOT/build}
STACK="$REPO_ROOT/deploy/local/stack.sh"

which=all
case ${1:-} in
  platform | donation | household | all)
    which=$1
    shift
    ;;
  "") ;;
  *) which=platform ;; # the older form: run.sh <platform bench args>
esac
if [[ $which == all && $# -gt 0 ]]; then
  # The tools take different flags: arguments need a selector.
  echo "run.sh: arguments need a selector: run.sh platform|donation|household [args...]" >&2
  exit 2
fi

VNN_BUILD_DIR=$BUILD_DIR bash "$REPO_ROOT/tools/build.sh"
export VNN_STACK_DIR=$REPO_ROOT/.local/bench-stack VNN_PG_PORT=26432 VNN_NATS_PORT=26222 \
  VNN_NATS_WS_PORT=26280 VNN_NATS_HTTP_PORT=29222
trap 'bash "$STACK" stop >/dev/null 2>&1 || true' EXIT
bash "$STACK" purge >/dev/null 2>&1 || true
eval "$(bash "$STACK" start)"
status=0
if [[ $which == platform || $which == all ]]; then
  "$BUILD_DIR/tests/bench/vnn-platform-bench" "$@" || status=$?
fi
if [[ $which == donation || $which == all ]]; then
  "$BUILD_DIR/tests/bench/vnn-donation-load" "$@" || status=$?
fi
if [[ $which == household || $which == all ]]; then
  "$BUILD_DIR/tests/bench/vnn-household-scale" "$@" || status=$?
fi
exit "$status"
