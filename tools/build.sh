#!/usr/bin/env bash
# Configures (once) and builds VNN with CMake + Ninja + ccache.
#
# Environment (defaults): VNN_BUILD_DIR (<repo>/build),
# VNN_BUILD_TYPE (Release: -O2 without debug info; RelWithDebInfo to debug or profile), VNN_WERROR (OFF), VNN_JOBS (nproc),
# VNN_BUILD_TARGETS (everything; or a space-separated list, e.g. the main job's binaries).
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
BUILD_DIR=${VNN_BUILD_DIR:-$REPO_ROOT/build}
BUILD_TYPE=${VNN_BUILD_TYPE:-Release}
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
  # ccache caches compiles that use a precompiled header only when told these are safe.
  export CCACHE_SLOPPINESS=${CCACHE_SLOPPINESS:-pch_defines,time_macros,include_file_mtime,include_file_ctime}
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

targets=()
if [[ -n ${VNN_BUILD_TARGETS:-} ]]; then
  read -r -a names <<<"$VNN_BUILD_TARGETS"
  targets=(--target "${names[@]}")
  log "building ${names[*]} with $JOBS jobs"
else
  log "building everything with $JOBS jobs"
fi
cmake --build "$BUILD_DIR" -j "$JOBS" "${targets[@]}"

end=$(date +%s.%N)
log "$(awk -v s="$start" -v e="$end" 'BEGIN { printf "done in %.1f s", e - s }')"
