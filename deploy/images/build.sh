#!/usr/bin/env bash
# Builds one runtime image per service with buildah (no Docker engine needed):
#   1. the binaries, with tools/build.sh on Debian 12 (the toolchain CI uses), unless
#      VNN_IMAGE_SKIP_BUILD=1 and they exist in $VNN_BUILD_DIR;
#   2. per service, a root file system with the binary, the shared libraries it loads (ldd),
#      the dynamic loader, CA certificates and passwd/group entries for user 65532;
#   3. `buildah bud` of Containerfile, FROM scratch, tagged vnn/<service-name>:<tag>.
# usage: deploy/images/build.sh [TAG] [SERVICE…]     (default: latest, every service)
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
HERE=$REPO_ROOT/deploy/images
BUILD_DIR=${VNN_BUILD_DIR:-$REPO_ROOT/build}
TAG=${1:-latest}
shift || true
# service folder name → binary. A new service is one line here (and a folder in deploy/k8s).
declare -A BINARIES=(
  [donation]=services/donation/vnn-donation
  [household_review]=services/household_review/vnn-household-review
  [allocation]=services/allocation/vnn-allocation
  [reporting]=services/reporting/vnn-reporting
)
SERVICES=("$@")
((${#SERVICES[@]} > 0)) || SERVICES=("${!BINARIES[@]}")

log() { printf 'images: %s\n' "$*" >&2; }

command -v buildah >/dev/null || {
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq buildah >/dev/null
}
export STORAGE_DRIVER=${STORAGE_DRIVER:-vfs}  # works without overlay support in the kernel

if [[ ${VNN_IMAGE_SKIP_BUILD:-0} != 1 ]]; then
  VNN_BUILD_DIR=$BUILD_DIR bash "$REPO_ROOT/tools/build.sh"
fi

# The files one binary needs at run time, copied under $2 with their paths kept.
collect_runtime() {
  local binary=$1 root=$2
  install -D -m 0755 "$binary" "$root/usr/local/bin/vnn-service"
  strip --strip-debug "$root/usr/local/bin/vnn-service"  # symbols stay for stack traces
  mkdir -p "$root/usr/lib/vnn" "$root/etc/ssl/certs" "$root/tmp"
  chmod 1777 "$root/tmp"
  local lib
  while read -r lib; do
    [[ -n $lib ]] || continue
    cp -L "$lib" "$root/usr/lib/vnn/"
  done < <(ldd "$binary" | awk '/=> \// {print $3}')
  # The loader at the path the binary names (PT_INTERP).
  local loader
  loader=$(ldd "$binary" | awk '/ld-linux/ {print $1}')
  install -D -m 0755 "$(readlink -f "$loader")" "$root$loader"
  cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/"
  printf 'root:x:0:0:root:/:/nonexistent\nvnn:x:65532:65532:vnn:/nonexistent:/nonexistent\n' \
    >"$root/etc/passwd"
  printf 'root:x:0:\nvnn:x:65532:\n' >"$root/etc/group"
  printf 'hosts: files dns\n' >"$root/etc/nsswitch.conf"
}

for service in "${SERVICES[@]}"; do
  binary=$BUILD_DIR/${BINARIES[$service]:?unknown service $service}
  [[ -x $binary ]] || { log "missing $binary"; exit 1; }
  image=vnn/${service//_/-}:$TAG
  context=$(mktemp -d)
  collect_runtime "$binary" "$context/rootfs"
  cp "$HERE/Containerfile" "$context/"
  log "building $image ($(du -sh "$context/rootfs" | cut -f1) of files)"
  buildah bud --quiet --layers=false -t "$image" -f "$context/Containerfile" "$context" >/dev/null
  rm -rf "$context"
  log "built $image"
done
