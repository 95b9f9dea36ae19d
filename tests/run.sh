#!/usr/bin/env bash
# The test command: bash tests/run.sh [ctest args...]
#
# Installs what is missing, builds, starts a test stack of its own (apart
# from the development one), runs ctest against it and stops it again.
# The tests read VNN_DB_ADMIN_DSN, VNN_NATS_URL, VNN_STACK_SCRIPT, ... from
# the environment.
#
# Environment (defaults): VNN_BUILD_DIR (<repo>/build), VNN_SKIP_DEPS (unset:
# run tools/install-deps.sh), and for the test stack VNN_TEST_STACK_DIR
# (<repo>/.local/test-stack), VNN_TEST_PG_PORT (25432), VNN_TEST_NATS_PORT
# (24222), VNN_TEST_NATS_WS_PORT (24280), VNN_TEST_NATS_HTTP_PORT (28222).
# These are VNN_TEST_* rather than VNN_STACK_DIR/VNN_PG_PORT/...: a shell
# that did `eval "$(stack.sh env)"` has VNN_STACK_DIR set to the development
# stack, which the tests must neither use nor stop.
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
BUILD_DIR=${VNN_BUILD_DIR:-$REPO_ROOT/build}
STACK="$REPO_ROOT/deploy/local/stack.sh"

log() { printf 'tests: %s\n' "$*" >&2; }

started=$(date +%s)

if [[ -z ${VNN_SKIP_DEPS:-} ]]; then
  bash "$REPO_ROOT/tools/install-deps.sh"
fi
VNN_BUILD_DIR=$BUILD_DIR bash "$REPO_ROOT/tools/build.sh"

export VNN_STACK_DIR=${VNN_TEST_STACK_DIR:-$REPO_ROOT/.local/test-stack}
export VNN_PG_PORT=${VNN_TEST_PG_PORT:-25432}
export VNN_NATS_PORT=${VNN_TEST_NATS_PORT:-24222}
export VNN_NATS_WS_PORT=${VNN_TEST_NATS_WS_PORT:-24280}
export VNN_NATS_HTTP_PORT=${VNN_TEST_NATS_HTTP_PORT:-28222}

# Stop the stack however we leave (failure, Ctrl-C, kill); its data stays
# for a look afterwards until the next run (stack.sh purge deletes it).
# shellcheck disable=SC2317 # called by the trap
stop_stack() {
  bash "$STACK" stop || log "could not stop the test stack in $VNN_STACK_DIR"
}
trap stop_stack EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Every run starts from an empty cluster and stream, so tests are hermetic.
bash "$STACK" purge >/dev/null 2>&1 || true
stack_env=$(bash "$STACK" start)
eval "$stack_env"

test_started=$(date +%s)
rc=0
ctest --test-dir "$BUILD_DIR" --output-on-failure -j 1 "$@" || rc=$?
finished=$(date +%s)

log "ctest exit code $rc; tests took $((finished - test_started)) s, total $((finished - started)) s"
exit "$rc"
