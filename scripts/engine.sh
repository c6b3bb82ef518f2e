#!/usr/bin/env bash
# A private Docker engine for Dockwire's tests: its own data root, exec root
# and socket, so tests never touch (or depend on) a system engine.
#   scripts/engine.sh start   start it (no-op if already answering), print DOCKER_HOST
#   scripts/engine.sh stop    stop it and wait until it is gone
#   scripts/engine.sh host    print the DOCKER_HOST value
#   scripts/engine.sh freeze  SIGSTOP the daemon: it keeps its socket but answers nothing (a hung engine)
#   scripts/engine.sh thaw    SIGCONT it again
set -euo pipefail

dir=${DOCKWIRE_ENGINE_DIR:-/tmp/dockwire-engine}
sock="$dir/docker.sock"
host="unix://$sock"

answering() { docker --host "$host" version --format '{{.Server.Version}}' >/dev/null 2>&1; }

thaw() {
  [ -f "$dir/dockerd.pid" ] && kill -CONT "$(cat "$dir/dockerd.pid")" 2>/dev/null || true
}

freeze() {
  [ -f "$dir/dockerd.pid" ] || { echo "no private engine is running" >&2; exit 1; }
  kill -STOP "$(cat "$dir/dockerd.pid")"
}

start() {
  mkdir -p "$dir"
  # A test that froze the engine and failed before thawing it must not leave it hung.
  thaw
  if answering; then echo "$host"; return; fi
  command -v dockerd >/dev/null || { echo "dockerd not found: run scripts/install-deps.sh" >&2; exit 1; }
  rm -f "$sock" "$dir/dockerd.pid"
  # setsid: the engine outlives the shell that started it, and a test that
  # restarts it does not take it down with its own process group.
  # --dns 127.0.0.1: containers (and Docker's embedded DNS, for names it does
  # not know) ask only their own loopback, so no test's DNS lookup ever leaves
  # the machine (the traffic rule), and failed lookups fail fast.
  setsid dockerd --data-root "$dir/data" --exec-root "$dir/exec" -H "$host" \
    --dns 127.0.0.1 --pidfile "$dir/dockerd.pid" >>"$dir/dockerd.log" 2>&1 </dev/null &
  for _ in $(seq 1 120); do
    if answering; then echo "$host"; return; fi
    sleep 0.5
  done
  echo "private Docker engine did not answer on $host within 60 s; its log:" >&2
  tail -n 30 "$dir/dockerd.log" >&2
  exit 1
}

stop() {
  [ -f "$dir/dockerd.pid" ] || return 0
  thaw
  pid=$(cat "$dir/dockerd.pid")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 120); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$dir/dockerd.pid"; return 0; }
    sleep 0.5
  done
  kill -9 "$pid" 2>/dev/null || true
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  host) echo "$host" ;;
  freeze) freeze ;;
  thaw) thaw ;;
  *) echo "usage: $0 start|stop|host|freeze|thaw" >&2; exit 2 ;;
esac
