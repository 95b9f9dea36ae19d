#!/usr/bin/env bash
# Runs the benchmarks against a stack of their own:
#   bash tests/bench/run.sh [platform|donation|payroll|household|allocation|reporting|all] [bench args...]
# With no selector, arguments go to the platform bench as before; with none at all, all run.
# VNN_BENCH_STACK_DIR, VNN_BENCH_PG_PORT, VNN_BENCH_NATS_PORT, VNN_BENCH_NATS_WS_PORT and
# VNN_BENCH_NATS_HTTP_PORT move the stack (default .local/bench-stack, 26432, 26222, 26280, 29222).
set -euo pipefail
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
BUILD_DIR=${VNN_BUILD_DIR:-$REPO_ROOT/build}
STACK="$REPO_ROOT/deploy/local/stack.sh"

which=all
case ${1:-} in
  platform | donation | payroll | household | allocation | reporting | all)
    which=$1
    shift
    ;;
  "") ;;
  *) which=platform ;; # the older form: run.sh <platform bench args>
esac
if [[ $which == all && $# -gt 0 ]]; then
  # The tools take different flags: arguments need a selector.
  echo "run.sh: arguments need a selector: run.sh platform|donation|payroll|household|allocation|reporting [args...]" >&2
  exit 2
fi

VNN_BUILD_DIR=$BUILD_DIR bash "$REPO_ROOT/tools/build.sh"
# A stack of its own: VNN_BENCH_* choose another directory and ports (two benchmarks on one
# machine). Not VNN_STACK_DIR/VNN_PG_PORT/...: a shell that did `eval "$(stack.sh env)"` has
# those set to the development stack, which this would purge.
export VNN_STACK_DIR=${VNN_BENCH_STACK_DIR:-$REPO_ROOT/.local/bench-stack}
export VNN_PG_PORT=${VNN_BENCH_PG_PORT:-26432}
export VNN_NATS_PORT=${VNN_BENCH_NATS_PORT:-26222}
export VNN_NATS_WS_PORT=${VNN_BENCH_NATS_WS_PORT:-26280}
export VNN_NATS_HTTP_PORT=${VNN_BENCH_NATS_HTTP_PORT:-29222}
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
if [[ $which == payroll || $which == all ]]; then
  "$BUILD_DIR/tests/bench/vnn-payroll-import" "$@" || status=$?
fi
if [[ $which == household || $which == all ]]; then
  "$BUILD_DIR/tests/bench/vnn-household-scale" "$@" || status=$?
fi
if [[ $which == allocation || $which == all ]]; then
  "$BUILD_DIR/tests/bench/vnn-allocation-load" "$@" || status=$?
fi
if [[ $which == reporting || $which == all ]]; then
  "$BUILD_DIR/tests/bench/vnn-reporting-latency" "$@" || status=$?
fi
exit "$status"
