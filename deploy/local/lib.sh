# Shared settings and functions of deploy/local/up and deploy/local/down. Sourced, not run.
# Every port is configurable; nothing here ever stops a process it did not start (PID files only).

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STATE=${TIDINGS_STATE_DIR:-$ROOT/.local}
LOGS=$STATE/logs
PIDS=$STATE/pids

GATEWAY_PORT=${TIDINGS_GATEWAY_PORT:-8080}
CONTACTS_PORT=${TIDINGS_CONTACTS_PORT:-8081}
CAMPAIGN_PORT=${TIDINGS_CAMPAIGN_PORT:-8082}
DELIVERY_PORT=${TIDINGS_DELIVERY_PORT:-8083}
KAFKA_PORT=${TIDINGS_KAFKA_PORT:-19092}
KAFKA_CONTROLLER_PORT=${TIDINGS_KAFKA_CONTROLLER_PORT:-19093}
SMTP_PORT=${TIDINGS_SMTP_PORT:-1025}
MAIL_WEB_PORT=${TIDINGS_MAIL_WEB_PORT:-1080}
EMBEDDED_PG_PORT=${TIDINGS_EMBEDDED_PG_PORT:-15432}
SERVICE_HEAP=${TIDINGS_SERVICE_HEAP:-256m}

# name:module:port, in start order
SERVICES=("contacts-service:contacts-service:$CONTACTS_PORT" "campaign-service:campaign-service:$CAMPAIGN_PORT"
          "delivery-service:delivery-service:$DELIVERY_PORT" "gateway:gateway:$GATEWAY_PORT")

say() { printf 'tidings: %s\n' "$*"; }
die() { printf 'tidings: error: %s\n' "$*" >&2; exit 1; }

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The PID recorded for a component, if that process is still alive.
running_pid() {
  local file=$PIDS/$1.pid pid
  [ -f "$file" ] || return 1
  pid=$(cat "$file")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

# wait_until SECONDS DESCRIPTION COMMAND...: polls COMMAND every half second.
wait_until() {
  local seconds=$1 what=$2 deadline
  shift 2
  deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.5
  done
}

# stop_pid NAME SIGNAL: stops the process recorded for NAME, by its PID only.
stop_pid() {
  local name=$1 signal=${2:-TERM} pid
  if pid=$(running_pid "$name"); then
    say "stopping $name (pid $pid)"
    kill "-$signal" "$pid" 2>/dev/null || true
    if ! wait_until 60 "$name to stop" bash -c "! kill -0 $pid"; then
      say "$name did not stop in 60 s; killing pid $pid"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$PIDS/$name.pid"
}
