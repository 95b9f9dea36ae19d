#!/usr/bin/env bash
# Installs the Debian 12 packages needed to build, run and test VNN.
# A no-op when everything is installed, so tests/run.sh and CI call it
# every time.
set -euo pipefail

# Contrib modules (unaccent, pg_trgm, pgcrypto, ...) ship inside
# postgresql-15 on Debian 12, which "Provides: postgresql-contrib-15"; there
# is no real package of that name, so it is not listed (dpkg-query would
# always call it missing).
PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config git clang-format
  libgrpc++-dev protobuf-compiler-grpc protobuf-compiler libprotobuf-dev
  libpqxx-dev libpq-dev libnats-dev nats-server prometheus-cpp-dev
  libspdlog-dev libfmt-dev nlohmann-json3-dev libcli11-dev libjwt-dev
  libssl-dev libgtest-dev libgmock-dev libbenchmark-dev
  libxlsxwriter-dev unzip
  postgresql-15 postgresql-client-15
  curl python3-grpcio python3-protobuf procps iproute2
  golang-github-gogo-googleapis-dev
)

log() { printf 'install-deps: %s\n' "$*" >&2; }

installed() {
  [[ $(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null) == installed ]]
}

# Debian starts a system cluster on port 5432 when postgresql-15 is
# installed. Our stack runs its own clusters, so stop that one and keep it
# from starting at boot. There may be no systemd (containers, CI).
disable_system_cluster() {
  if command -v pg_ctlcluster >/dev/null 2>&1 &&
    pg_lsclusters -h 2>/dev/null | awk '$1 == "15" && $2 == "main" && $4 == "online" { found = 1 } END { exit !found }'; then
    log "stopping the system PostgreSQL cluster 15/main"
    pg_ctlcluster 15 main stop || true
  fi
  if [[ -f /etc/postgresql/15/main/start.conf ]]; then
    # 'manual' is honoured by both the systemd and the sysv init scripts.
    sed -i 's/^auto$/manual/' /etc/postgresql/15/main/start.conf
  fi
  if command -v systemctl >/dev/null 2>&1; then
    systemctl disable postgresql >/dev/null 2>&1 || true
    if [[ -d /run/systemd/system ]]; then
      systemctl stop postgresql >/dev/null 2>&1 || true
    fi
  fi
}

missing=()
for pkg in "${PACKAGES[@]}"; do
  installed "$pkg" || missing+=("$pkg")
done

if ((${#missing[@]} == 0)); then
  log "all ${#PACKAGES[@]} packages installed"
  exit 0
fi

if ((EUID != 0)); then
  log "missing packages: ${missing[*]}"
  printf 'Run as root:\n  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends %s\n' \
    "${missing[*]}" >&2
  exit 1
fi

log "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends "${missing[@]}"

if [[ " ${missing[*]} " == *" postgresql-15 "* ]]; then
  disable_system_cluster
fi

# Contrib extensions are expected to come with postgresql-15 (see above):
# say so here rather than in a failing test.
if [[ ! -f /usr/share/postgresql/15/extension/unaccent.control ]]; then
  log "unaccent extension missing from postgresql-15"
  exit 1
fi
log "done"
