#!/usr/bin/env bash
# Throwaway local stack (PostgreSQL 15 + NATS JetStream) for development,
# tests and CI. Everything listens on 127.0.0.1 only and keeps its state in
# one folder, so several stacks (dev, tests) can live side by side.
#
# Usage: stack.sh start|stop|status|env|purge|pg-start|pg-stop|nats-start|nats-stop|--help
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
SCRIPT_PATH="$SCRIPT_DIR/$(basename "${BASH_SOURCE[0]}")"
REPO_ROOT=$(cd "$SCRIPT_DIR/../.." && pwd -P)

# Absolute, canonical path: it is hashed below, so it must not depend on the
# caller's working directory or on symlinks.
STATE_DIR=$(realpath -m -- "${VNN_STACK_DIR:-$REPO_ROOT/.local/stack}")
# Default ports stay below 32768, out of Linux's ephemeral range: a client socket that
# happens to hold a port there would stop a server from binding it.
PG_PORT=${VNN_PG_PORT:-15432}
NATS_PORT=${VNN_NATS_PORT:-14222}
NATS_WS_PORT=${VNN_NATS_WS_PORT:-14280}
NATS_HTTP_PORT=${VNN_NATS_HTTP_PORT:-18222}
DB_NAME=vnn
HOST=127.0.0.1
READY_TIMEOUT=30 # seconds a server gets to come up
STOP_TIMEOUT=10  # seconds NATS gets to exit after SIGTERM

PG_BIN=/usr/lib/postgresql/15/bin
NATS_BIN=$(command -v nats-server || true)
# Debian ships it in /usr/sbin, which is not on a normal user's PATH.
for candidate in /usr/bin/nats-server /usr/sbin/nats-server; do
  [[ -n $NATS_BIN ]] && break
  [[ -x $candidate ]] && NATS_BIN=$candidate
done

# Short id of this stack: names its folders outside the state folder.
STACK_ID=$(printf '%s' "$STATE_DIR" | sha256sum | cut -c1-12)
MARKER="$STATE_DIR/.vnn-stack"   # purge only deletes folders that carry it
PG_BASE_FILE="$STATE_DIR/pg-base" # where the PostgreSQL files live (see pg_layout)
NATS_CONF="$STATE_DIR/nats.conf"
NATS_PID_FILE="$STATE_DIR/nats.pid"
NATS_LOG="$STATE_DIR/nats.log"
NATS_STORE="$STATE_DIR/nats"

log() { printf 'stack: %s\n' "$*" >&2; }
die() {
  printf 'stack: error: %s\n' "$*" >&2
  exit 1
}

usage() {
  cat <<EOF
Usage: $(basename "$0") COMMAND

Throwaway PostgreSQL 15 + NATS JetStream stack on 127.0.0.1.

Commands:
  start       start both servers (no-op for one already running), wait until
              they are ready, print the env lines
  stop        stop both servers (fast shutdown / SIGTERM), keep the data
  status      show what runs
  env         print 'export' lines for the stack (eval "\$(stack.sh env)")
  purge       stop and delete all state, including the PostgreSQL data
  pg-start    start PostgreSQL only (same cluster)
  pg-stop     stop PostgreSQL only (pg_ctl stop -m fast)
  nats-start  start NATS only (same JetStream store)
  nats-stop   stop NATS only (SIGTERM, SIGKILL after ${STOP_TIMEOUT}s)

Environment (defaults):
  VNN_STACK_DIR       state folder ($REPO_ROOT/.local/stack)
  VNN_PG_PORT         PostgreSQL port (15432)
  VNN_NATS_PORT       NATS client port (14222)
  VNN_NATS_WS_PORT    NATS websocket port (14280)
  VNN_NATS_HTTP_PORT  NATS monitoring port (18222)
EOF
}

check_port_value() {
  local name=$1 value=$2
  if ! [[ $value =~ ^[0-9]+$ ]] || ((value < 1 || value > 65535)); then
    die "$name must be a TCP port number, got '$value'"
  fi
}

# True when something accepts connections on 127.0.0.1:$1. A listener on
# 0.0.0.0 or [::] answers here too, and would equally block our bind.
port_open() {
  # shellcheck disable=SC2016 # expanded by the inner bash
  timeout 2 bash -c ': >"/dev/tcp/$0/$1"' "$HOST" "$1" 2>/dev/null
}

require_free_port() {
  local port=$1 what=$2 var=$3
  if port_open "$port"; then
    die "port $port ($what) on $HOST is already in use by another process; stop it or set $var"
  fi
}

# kill -0 also succeeds on a zombie, which a stopped server may stay as for a
# moment if its parent is slow to reap it; a zombie counts as gone.
pid_alive() {
  local pid=$1 state
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  [[ -r /proc/$pid/stat ]] || return 1
  state=$(sed -E 's/^[0-9]+ \(.*\) ([A-Za-z]).*/\1/' "/proc/$pid/stat" 2>/dev/null) || return 1
  [[ $state != Z && $state != X ]]
}

ensure_state_dir() {
  if [[ -d $STATE_DIR && ! -e $MARKER && -n $(ls -A "$STATE_DIR") ]]; then
    die "$STATE_DIR exists, is not empty and is not a stack folder; set VNN_STACK_DIR elsewhere"
  fi
  mkdir -p "$STATE_DIR"
  : >>"$MARKER"
}

show_log_tail() {
  local file=$1
  if [[ -r $file ]]; then
    printf -- '--- last lines of %s ---\n' "$file" >&2
    tail -n 20 "$file" >&2 || true
    printf -- '---\n' >&2
  fi
}

# ---------------------------------------------------------------- PostgreSQL
#
# PostgreSQL refuses to run as root. When this script runs as root, the
# cluster runs as the 'postgres' system user (from the postgresql-15 package),
# or as a system user 'vnn-stack' created here when that is missing. Run as
# any other user, the cluster runs as that user.
#
# That user must be able to reach its files, but the state folder may sit in
# a place it cannot traverse, e.g. a clone inside a `mktemp -d` folder (mode
# 700, owned by root). Rather than change permissions on folders we do not own
# (and setfacl is not always installed), the PostgreSQL files then go to
# /var/tmp/vnn-stack-<hash of state path>, owned by that user; the state
# folder records that path in 'pg-base' and links the log as 'pg.log'.
# /var/tmp, unlike /tmp, usually survives a reboot, so the cluster does too.
# When the state folder is reachable, the files simply stay inside it.

PG_USER=""
PG_BASE=""
PG_DATA=""
PG_LOG=""
PG_SOCKET_DIR=""

# Run a command as the cluster's user, from / so that a working directory
# this user cannot enter does not bother the PostgreSQL tools.
as_pg() {
  if ((EUID == 0)); then
    (cd / && runuser -u "$PG_USER" -- "$@")
  else
    (cd / && "$@")
  fi
}

pick_pg_user() {
  if ((EUID != 0)); then
    PG_USER=$(id -un)
    return
  fi
  if [[ -n $PG_DATA && -d $PG_DATA ]]; then
    # An existing cluster keeps the owner it was made with.
    PG_USER=$(stat -c %U "$PG_DATA")
    [[ $PG_USER != root && $PG_USER != UNKNOWN ]] && return
  fi
  if id -u postgres >/dev/null 2>&1; then
    PG_USER=postgres
  else
    PG_USER=vnn-stack
  fi
}

# Only start-up creates the fallback user; stop and status never need it.
ensure_pg_user() {
  if ((EUID == 0)) && ! id -u "$PG_USER" >/dev/null 2>&1; then
    log "creating system user $PG_USER to run PostgreSQL (it refuses to run as root)"
    useradd --system --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin "$PG_USER"
  fi
}

# Make a folder that belongs to the cluster's user. Refuses a symlink or a
# folder made by somebody else (it may sit in a world-writable /tmp).
make_pg_dir() {
  local dir=$1 owner
  if [[ -L $dir ]]; then
    die "$dir is a symlink; remove it"
  fi
  [[ -d $dir ]] || mkdir -m 0700 "$dir"
  owner=$(stat -c %U "$dir")
  if [[ $owner == root && $PG_USER != root ]]; then
    chown "$PG_USER:" "$dir" # just made by us, running as root
  elif [[ $owner != "$PG_USER" ]]; then
    die "$dir belongs to $owner, not $PG_USER; remove it"
  fi
}

# Work out where the PostgreSQL files are, without creating anything.
pg_layout() {
  if [[ -r $PG_BASE_FILE ]]; then
    PG_BASE=$(<"$PG_BASE_FILE")
  else
    PG_BASE=""
  fi
  PG_DATA=${PG_BASE:+$PG_BASE/pg-data}
  pick_pg_user
  if [[ -n $PG_BASE ]]; then
    PG_LOG="$PG_BASE/pg.log"
    pg_socket_layout
  fi
}

# The socket path (folder + "/.s.PGSQL.<port>") must fit the 107 bytes of a
# unix socket address; a deep state folder falls back to a short /tmp folder.
pg_socket_layout() {
  PG_SOCKET_DIR="$PG_BASE/pg-socket"
  local sock="$PG_SOCKET_DIR/.s.PGSQL.$PG_PORT"
  if ((${#sock} > 107)); then
    PG_SOCKET_DIR="/tmp/vnn-stack-$STACK_ID.s"
  fi
}

# First use: choose the place for the PostgreSQL files and record it.
pg_prepare_base() {
  if [[ -z $PG_BASE ]]; then
    if as_pg test -x "$STATE_DIR" 2>/dev/null; then
      PG_BASE=$STATE_DIR
    else
      PG_BASE="/var/tmp/vnn-stack-$STACK_ID"
      log "$PG_USER cannot reach $STATE_DIR; keeping PostgreSQL files in $PG_BASE"
    fi
    printf '%s\n' "$PG_BASE" >"$PG_BASE_FILE"
    PG_DATA="$PG_BASE/pg-data"
    PG_LOG="$PG_BASE/pg.log"
    pg_socket_layout
  fi
  if [[ $PG_BASE != "$STATE_DIR" ]]; then
    make_pg_dir "$PG_BASE"
    ln -sfn "$PG_LOG" "$STATE_DIR/pg.log"
  fi
  make_pg_dir "$PG_SOCKET_DIR"
  # pg_ctl opens the log as the cluster's user: give it that owner.
  : >>"$PG_LOG"
  if ((EUID == 0)); then
    chown "$PG_USER:" "$PG_LOG"
  fi
}

pg_locale() {
  if locale -a 2>/dev/null | grep -qixE 'c\.utf-?8'; then
    echo C.UTF-8
  else
    echo C
  fi
}

pg_init() {
  [[ -x $PG_BIN/initdb ]] || die "PostgreSQL 15 not found in $PG_BIN; run tools/install-deps.sh"
  if [[ -f $PG_DATA/PG_VERSION ]]; then
    return
  fi
  if [[ -e $PG_DATA ]]; then
    # A half-made cluster from an interrupted initdb: start over.
    rm -rf "$PG_DATA"
  fi
  make_pg_dir "$PG_DATA"
  log "initdb $PG_DATA (as $PG_USER)"
  # Trust auth for local and loopback host lines: this is a throwaway cluster
  # that only listens on 127.0.0.1 and a socket folder private to its user.
  if ! as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -E UTF8 \
    --locale="$(pg_locale)" --auth=trust --no-instructions >>"$PG_LOG" 2>&1; then
    show_log_tail "$PG_LOG"
    die "initdb failed (log: $PG_LOG)"
  fi
  # Our settings live in their own file, rewritten at each start (so port
  # changes apply), and included from postgresql.conf.
  printf "\n# Settings of the local stack, written by stack.sh\ninclude 'vnn-stack.conf'\n" |
    as_pg tee -a "$PG_DATA/postgresql.conf" >/dev/null
}

pg_write_settings() {
  as_pg tee "$PG_DATA/vnn-stack.conf" >/dev/null <<EOF
# Written by stack.sh at each start; edits are lost.
listen_addresses = '$HOST'
port = $PG_PORT
unix_socket_directories = '$PG_SOCKET_DIR'
max_connections = 300
shared_buffers = 256MB
fsync = on
synchronous_commit = on
logging_collector = off
log_destination = 'stderr'
log_line_prefix = '%m [%p] %q%u@%d '
EOF
}

pg_running() {
  [[ -n $PG_DATA && -f $PG_DATA/PG_VERSION ]] || return 1
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1
}

psql_admin() {
  "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$HOST" -p "$PG_PORT" -U postgres "$@"
}

pg_start() {
  ensure_state_dir
  pg_layout
  if pg_running; then
    log "PostgreSQL already running (port $PG_PORT)"
    return
  fi
  require_free_port "$PG_PORT" PostgreSQL VNN_PG_PORT
  ensure_pg_user
  pg_prepare_base
  pg_init
  pg_write_settings
  log "starting PostgreSQL on $HOST:$PG_PORT"
  # pg_ctl's own messages go to the same log, which the server appends to.
  # shellcheck disable=SC2094
  if ! as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t "$READY_TIMEOUT" start >>"$PG_LOG" 2>&1; then
    show_log_tail "$PG_LOG"
    die "PostgreSQL failed to start or was not ready within ${READY_TIMEOUT}s (log: $PG_LOG)"
  fi
  local i
  for ((i = 0; i < READY_TIMEOUT * 4; i++)); do
    "$PG_BIN/pg_isready" -q -U postgres -d postgres -h "$HOST" -p "$PG_PORT" -t 1 && break
    sleep 0.25
  done
  if ! "$PG_BIN/pg_isready" -q -U postgres -d postgres -h "$HOST" -p "$PG_PORT" -t 1; then
    show_log_tail "$PG_LOG"
    die "PostgreSQL does not accept connections on $HOST:$PG_PORT (log: $PG_LOG)"
  fi
  if [[ -z $(psql_admin -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'") ]]; then
    log "creating database $DB_NAME"
    psql_admin -d postgres -c "CREATE DATABASE $DB_NAME"
  fi
}

pg_stop() {
  pg_layout
  if ! pg_running; then
    log "PostgreSQL not running"
    return
  fi
  log "stopping PostgreSQL (fast)"
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 stop >/dev/null
}

pg_status() {
  pg_layout
  if pg_running; then
    local state=ready
    "$PG_BIN/pg_isready" -q -U postgres -d postgres -h "$HOST" -p "$PG_PORT" -t 2 || state="not accepting connections on port $PG_PORT"
    printf 'postgresql: running (%s, pid %s, port %s, data %s)\n' "$state" \
      "$(head -n 1 "$PG_DATA/postmaster.pid" 2>/dev/null || echo '?')" "$PG_PORT" "$PG_DATA"
  elif [[ -n $PG_DATA && -f $PG_DATA/PG_VERSION ]]; then
    printf 'postgresql: stopped (data %s)\n' "$PG_DATA"
  else
    printf 'postgresql: not initialised\n'
  fi
}

# ---------------------------------------------------------------------- NATS

nats_pid() {
  local pid
  [[ -r $NATS_PID_FILE ]] || return 1
  pid=$(<"$NATS_PID_FILE")
  pid_alive "$pid" || return 1
  # Guard against a recycled pid.
  [[ $(cat "/proc/$pid/comm" 2>/dev/null) == nats-server* ]] || return 1
  printf '%s\n' "$pid"
}

nats_healthy() {
  local url="http://$HOST:$NATS_HTTP_PORT/healthz"
  port_open "$NATS_PORT" || return 1
  if command -v curl >/dev/null 2>&1; then
    curl -fsS -m 2 -o /dev/null "$url" 2>/dev/null
  else
    # Plain HTTP/1.0 over bash's /dev/tcp: enough for a status line.
    # shellcheck disable=SC2016 # expanded by the inner bash
    timeout 3 bash -c '
      exec 3<>"/dev/tcp/$0/$1" || exit 1
      printf "GET /healthz HTTP/1.0\r\nHost: %s\r\n\r\n" "$0" >&3
      IFS= read -r line <&3 || exit 1
      [[ $line == HTTP/1.?" 200"* ]]' "$HOST" "$NATS_HTTP_PORT" 2>/dev/null
  fi
}

# One NATS user per service, as in deploy/k8s/base/nats/users.conf: a service publishes only its
# own events (vnn.<service>.>) and reaches only the JetStream API it uses; vnn_tools (tests,
# operators) may do everything. Passwords are made once per stack, in nats-users/<user>.password
# (mode 0600; they begin with a letter, since nats-server reads a leading digit as a number).
NATS_USERS_DIR="$STATE_DIR/nats-users"
nats_password() { # user: prints the password, making it on first use
  local file="$NATS_USERS_DIR/$1.password"
  if [[ ! -s $file ]]; then
    mkdir -p "$NATS_USERS_DIR"
    chmod 0700 "$NATS_USERS_DIR"
    (umask 077 && printf 'v%s\n' "$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')" >"$file")
  fi
  head -n 1 "$file"
}
# The JetStream API subjects one durable pull consumer needs: consumer, filter subject. It may be
# created or updated only with its own filter (the create subject carries the filter, and
# nats-server checks it against the configuration), so a service reads only what it consumes.
nats_consumer_api() {
  # shellcheck disable=SC2016 # "$JS" is NATS's, not the shell's
  local api='$JS.API.CONSUMER'
  printf '            "%s"\n' "$api.INFO.VNN.$1" "$api.CREATE.VNN.$1.$2" "$api.MSG.NEXT.VNN.$1" \
    "\$JS.ACK.VNN.$1.>"
}

# The JetStream API subjects the owner of key-value bucket $1 needs: create the bucket's stream
# (or find it as it is), put snapshots and read single keys back (direct get, or the stream's
# message get where direct get is off). vnn_tools, unrestricted here, reads it.
nats_kv_writer_api() {
  # shellcheck disable=SC2016 # "$JS" and "$KV" are NATS's, not the shell's
  local api='$JS.API.STREAM' stream="KV_$1"
  printf '            "%s"\n' "$api.CREATE.$stream" "$api.UPDATE.$stream" "$api.INFO.$stream" \
    "$api.MSG.GET.$stream" "\$JS.API.DIRECT.GET.$stream" "\$JS.API.DIRECT.GET.$stream.>" \
    "\$KV.$1.>"
}

nats_write_conf() {
  mkdir -p "$NATS_STORE"
  # shellcheck disable=SC2016 # "$JS" is NATS's, not the shell's
  local stream_api='"$JS.API.INFO"
            "$JS.API.STREAM.INFO.VNN"
            "$JS.API.STREAM.CREATE.VNN"
            "$JS.API.STREAM.UPDATE.VNN"'
  (umask 077 && cat >"$NATS_CONF" <<EOF
# Written by stack.sh at each start; edits are lost.
host: "$HOST"
port: $NATS_PORT
http: "$HOST:$NATS_HTTP_PORT"
pid_file: "$NATS_PID_FILE"

jetstream {
  store_dir: "$NATS_STORE"
  max_memory_store: 256MB
  max_file_store: 2GB
}

websocket {
  host: "$HOST"
  port: $NATS_WS_PORT
  no_tls: true
}

authorization {
  users: [
    {
      user: vnn_donation
      password: "$(nats_password vnn_donation)"
      # Replies only to its own inboxes (the services use the prefix _INBOX_<user>).
      permissions: {
        publish: {
          allow: [
            "vnn.donation.>"
            $stream_api
          ]
        }
        subscribe: {allow: ["_INBOX_vnn_donation.>"]}
      }
    }
    {
      user: vnn_household_review
      password: "$(nats_password vnn_household_review)"
      permissions: {
        publish: {
          allow: [
            "vnn.household_review.>"
            $stream_api
$(nats_consumer_api household_review_campaigns 'vnn.donation.campaign.>')
$(nats_consumer_api household_review_donations 'vnn.donation.donation.>')
          ]
        }
        subscribe: {allow: ["_INBOX_vnn_household_review.>"]}
      }
    }
    {
      user: vnn_allocation
      password: "$(nats_password vnn_allocation)"
      permissions: {
        publish: {
          allow: [
            "vnn.allocation.>"
            $stream_api
$(nats_consumer_api allocation_donation_events 'vnn.donation.>')
$(nats_consumer_api allocation_household_events 'vnn.household_review.household.>')
          ]
        }
        subscribe: {allow: ["_INBOX_vnn_allocation.>"]}
      }
    }
    {
      user: vnn_reporting
      password: "$(nats_password vnn_reporting)"
      # No events of its own today; it keeps its progress snapshots in the key-value bucket
      # vnn_progress (stream KV_vnn_progress), which it creates at start.
      permissions: {
        publish: {
          allow: [
            "vnn.reporting.>"
            $stream_api
$(nats_consumer_api reporting_donation_events 'vnn.donation.>')
$(nats_consumer_api reporting_household_events 'vnn.household_review.household.>')
$(nats_consumer_api reporting_allocation_events 'vnn.allocation.>')
$(nats_kv_writer_api vnn_progress)
          ]
        }
        subscribe: {allow: ["_INBOX_vnn_reporting.>"]}
      }
    }
    {
      user: vnn_tools
      password: "$(nats_password vnn_tools)"
    }
  ]
}
EOF
  )
}

nats_start() {
  ensure_state_dir
  [[ -n $NATS_BIN ]] || die "nats-server not found; run tools/install-deps.sh"
  if nats_pid >/dev/null; then
    log "NATS already running (pid $(nats_pid), port $NATS_PORT)"
    return
  fi
  require_free_port "$NATS_PORT" "NATS client" VNN_NATS_PORT
  require_free_port "$NATS_WS_PORT" "NATS websocket" VNN_NATS_WS_PORT
  require_free_port "$NATS_HTTP_PORT" "NATS monitoring" VNN_NATS_HTTP_PORT
  nats_write_conf
  rm -f "$NATS_PID_FILE"
  log "starting NATS on $HOST:$NATS_PORT (websocket $NATS_WS_PORT, http $NATS_HTTP_PORT)"
  # Own session: neither a Ctrl-C in the caller's terminal nor the end of the
  # caller's process group takes the server down; only nats-stop does.
  setsid "$NATS_BIN" -c "$NATS_CONF" </dev/null >>"$NATS_LOG" 2>&1 &
  local launcher=$! i
  for ((i = 0; i < READY_TIMEOUT * 4; i++)); do
    if nats_pid >/dev/null && nats_healthy; then
      return
    fi
    if ! pid_alive "$launcher" && ! nats_pid >/dev/null; then
      show_log_tail "$NATS_LOG"
      die "nats-server exited during start-up (log: $NATS_LOG)"
    fi
    sleep 0.25
  done
  show_log_tail "$NATS_LOG"
  die "NATS did not come up within ${READY_TIMEOUT}s (log: $NATS_LOG)"
}

nats_stop() {
  local pid i
  if ! pid=$(nats_pid); then
    log "NATS not running"
    rm -f "$NATS_PID_FILE"
    return
  fi
  log "stopping NATS (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < STOP_TIMEOUT * 10; i++)); do
    pid_alive "$pid" || break
    sleep 0.1
  done
  if pid_alive "$pid"; then
    log "NATS still running after ${STOP_TIMEOUT}s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
      pid_alive "$pid" || break
      sleep 0.1
    done
  fi
  rm -f "$NATS_PID_FILE"
}

nats_status() {
  local pid
  if pid=$(nats_pid); then
    local state=healthy
    nats_healthy || state="not healthy on ports $NATS_PORT/$NATS_HTTP_PORT"
    printf 'nats: running (%s, pid %s, port %s, websocket %s, http %s, store %s)\n' \
      "$state" "$pid" "$NATS_PORT" "$NATS_WS_PORT" "$NATS_HTTP_PORT" "$NATS_STORE"
  else
    printf 'nats: stopped\n'
  fi
}

# -------------------------------------------------------------------- stack

print_env() {
  cat <<EOF
export VNN_DB_ADMIN_DSN=postgresql://postgres@$HOST:$PG_PORT/$DB_NAME
export VNN_DB_HOST=$HOST
export VNN_DB_PORT=$PG_PORT
export VNN_DB_NAME=$DB_NAME
export VNN_NATS_URL=nats://$HOST:$NATS_PORT
export VNN_NATS_WS_URL=ws://$HOST:$NATS_WS_PORT
# NATS users (one per service, and vnn_tools for tests and operators): the password of user U
# is in \$VNN_NATS_USERS_DIR/U.password, for VNN_NATS_USER=U VNN_NATS_PASSWORD_FILE=….
export VNN_NATS_USERS_DIR=$(printf '%q' "$NATS_USERS_DIR")
export VNN_STACK_DIR=$(printf '%q' "$STATE_DIR")
export VNN_STACK_SCRIPT=$(printf '%q' "$SCRIPT_PATH")
# The ports too, so that a later "stack.sh pg-start" from this shell restarts this stack.
export VNN_PG_PORT=$PG_PORT VNN_NATS_PORT=$NATS_PORT VNN_NATS_WS_PORT=$NATS_WS_PORT
export VNN_NATS_HTTP_PORT=$NATS_HTTP_PORT
EOF
}

stack_status() {
  printf 'state: %s\n' "$STATE_DIR"
  if [[ ! -e $MARKER ]]; then
    printf 'postgresql: not initialised\nnats: stopped\n'
    return
  fi
  pg_status
  nats_status
}

stack_stop() {
  if [[ ! -e $MARKER ]]; then
    log "no stack in $STATE_DIR"
    return
  fi
  nats_stop
  pg_stop
}

stack_purge() {
  if [[ -e $STATE_DIR && ! -e $MARKER ]]; then
    die "$STATE_DIR is not a stack folder; not deleting it"
  fi
  [[ -e $STATE_DIR ]] || {
    log "nothing to purge in $STATE_DIR"
    return
  }
  stack_stop
  local dir
  # Folders outside the state folder: only ours, known by their fixed names
  # (derived from the state path), whether or not pg-base still names them.
  for dir in "/var/tmp/vnn-stack-$STACK_ID" "/tmp/vnn-stack-$STACK_ID.s"; do
    if [[ -e $dir || -L $dir ]]; then
      log "deleting $dir"
      rm -rf -- "$dir"
    fi
  done
  log "deleting $STATE_DIR"
  rm -rf -- "$STATE_DIR"
}

main() {
  local cmd=${1:-}
  if (($# > 1)); then
    usage >&2
    exit 2
  fi
  check_port_value VNN_PG_PORT "$PG_PORT"
  check_port_value VNN_NATS_PORT "$NATS_PORT"
  check_port_value VNN_NATS_WS_PORT "$NATS_WS_PORT"
  check_port_value VNN_NATS_HTTP_PORT "$NATS_HTTP_PORT"
  case $cmd in
  start)
    pg_start
    nats_start
    print_env
    ;;
  stop) stack_stop ;;
  status) stack_status ;;
  env) print_env ;;
  purge) stack_purge ;;
  pg-start) pg_start ;;
  pg-stop)
    if [[ -e $MARKER ]]; then pg_stop; else log "no stack in $STATE_DIR"; fi
    ;;
  nats-start) nats_start ;;
  nats-stop) nats_stop ;;
  -h | --help | help) usage ;;
  *)
    usage >&2
    exit 2
    ;;
  esac
}

main "$@"
