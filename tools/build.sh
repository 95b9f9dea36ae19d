#!/usr/bin/env bash
# Configures (once) and builds VNN with CMake + Ninja + ccache.
#
# Environment (defaults): VNN_BUILD_DIR (<repo>/build),
# VNN_BUILD_TYPE (RelWithDebInfo), VNN_WERROR (OFF), VNN_JOBS (nproc).
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
BUILD_DIR=${VNN_BUILD_DIR:-$REPO_ROOT/build}
BUILD_TYPE=${VNN_BUILD_TYPE:-RelWithDebInfo}
WERROR=${VNN_WERROR:-OFF}
JOBS=${VNN_JOBS:-$(nproc)}

log() { printf 'build: %s\n' "$*" >&2; }

configure_args=(
  -S "$REPO_ROOT" -B "$BUILD_DIR" -G Ninja
  -DCMAKE_BUILD_TYPE="$BUILD_TYPE"
  -DVNN_WERROR="$WERROR"
)
if command -v ccache >/dev/null 2>&1; then
  configure_args+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
else
  # Still builds, only slower; tools/install-deps.sh installs ccache.
  log "ccache not found; building without it"
fi

start=$(date +%s.%N)

# Configure only once per set of options: a later run with other options
# (e.g. VNN_WERROR=ON) configures again instead of silently keeping the old.
stamp="$BUILD_DIR/.vnn-configure-args"
wanted=$(printf '%s\n' "${configure_args[@]}")
if [[ ! -f $BUILD_DIR/CMakeCache.txt || ! -f $stamp || $(<"$stamp") != "$wanted" ]]; then
  log "configuring $BUILD_DIR ($BUILD_TYPE, VNN_WERROR=$WERROR)"
  rm -f "$stamp" # a failed configure must be redone next time
  cmake "${configure_args[@]}"
  printf '%s\n' "$wanted" >"$stamp"
fi

log "building with $JOBS jobs"
cmake --build "$BUILD_DIR" -j "$JOBS"

end=$(date +%s.%N)
log "$(awk -v s="$start" -v e="$end" 'BEGIN { printf "done in %.1f s", e - s }')"
