#!/usr/bin/env bash
# A lab of several Docker hosts on this one machine, for the many-hosts tests: each "node" is a
# Docker engine in a network namespace (and a hostname) of its own, all joined by one bridge in
# an address range of the lab's own (10.250.0.0/24), as separate machines on one LAN would be.
#   scripts/lab.sh up [N]     start N nodes (default 3), print one line per node: NAME DOCKER_HOST ADDRESS
#   scripts/lab.sh down       remove everything the lab made (also what a failed run left behind)
#   scripts/lab.sh stop NAME  stop one node's engine (a host that went away), and wait until it is gone
#   scripts/lab.sh start NAME start it again
#   scripts/lab.sh swarm      make the nodes one swarm: node1 its manager (advertising 10.250.0.11), the others workers
# A Docker config of its own ($dir/docker-config) holds one context per node: DOCKER_CONFIG=… docker
# --context node2 ps. Test images are imported into every node (scripts/test-images.sh).
#
# Why it is built this way (docs/testing.md, "The lab"): `ip netns exec` remounts /sys and hides the
# cgroups dockerd needs, so the engine enters its namespace with nsenter; once any engine runs, the
# host's FORWARD policy is DROP and bridged frames pass through it, so the lab bridge is let through.
set -euo pipefail

dir=${DOCKWIRE_LAB_DIR:-/tmp/dockwire-lab}
bridge=dwlab0
prefix=10.250.0
config="$dir/docker-config"
here="$(cd "$(dirname "$0")" && pwd)"

netns_of() { echo "dwlab-$1"; }
sock_of() { echo "$dir/$1/docker.sock"; }
answering() { docker --host "unix://$(sock_of "$1")" version --format '{{.Server.Version}}' >/dev/null 2>&1; }
node_names() { [ -d "$dir" ] && find "$dir" -mindepth 1 -maxdepth 1 -type d -name 'node*' -printf '%f\n' | sort; true; }

forward_rule() { iptables "$1" FORWARD -i "$bridge" -o "$bridge" -j ACCEPT; }

start_engine() {
  local name=$1 ns
  ns=$(netns_of "$name")
  answering "$name" && return 0
  rm -f "$(sock_of "$name")" "$dir/$name/dockerd.pid"
  # An own UTS namespace: the engine (and `docker info`) names the host "$name".
  # --dns 127.0.0.1: no lookup from a lab container leaves the machine (the traffic rule).
  setsid unshare --uts sh -c "hostname $name && exec nsenter --net=/var/run/netns/$ns dockerd \
    --data-root $dir/$name/data --exec-root $dir/$name/exec -H unix://$(sock_of "$name") \
    --pidfile $dir/$name/dockerd.pid --dns 127.0.0.1" >>"$dir/$name/dockerd.log" 2>&1 </dev/null &
  for _ in $(seq 1 120); do
    answering "$name" && return 0
    sleep 0.5
  done
  echo "lab engine $name did not answer within 60 s; its log:" >&2
  tail -n 30 "$dir/$name/dockerd.log" >&2
  return 1
}

stop_engine() {
  local name=$1 pid
  [ -f "$dir/$name/dockerd.pid" ] || return 0
  pid=$(cat "$dir/$name/dockerd.pid")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 120); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$dir/$name/dockerd.pid"; return 0; }
    sleep 0.5
  done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$dir/$name/dockerd.pid"
}

up() {
  local count=${1:-3} index name ns address
  [[ "$count" =~ ^[1-9]$ ]] || { echo "lab.sh up: N is 1 to 9, not \"$count\"" >&2; exit 2; }
  mkdir -p "$config"
  ip link show "$bridge" >/dev/null 2>&1 || {
    ip link add "$bridge" type bridge
    ip addr add "$prefix.1/24" dev "$bridge"
  }
  ip link set "$bridge" up
  forward_rule -C 2>/dev/null || forward_rule -I
  for index in $(seq 1 "$count"); do
    name=node$index
    ns=$(netns_of "$name")
    address=$prefix.$((10 + index))
    mkdir -p "$dir/$name"
    if ! ip netns list | grep -qx "$ns\( .*\)\?"; then
      ip netns add "$ns"
      ip link add "dwlab-n$index" type veth peer name eth0 netns "$ns"
      ip link set "dwlab-n$index" master "$bridge" up
      ip -n "$ns" addr add "$address/24" dev eth0
      ip -n "$ns" link set eth0 up
      ip -n "$ns" link set lo up
      ip -n "$ns" route add default via "$prefix.1"
    fi
    start_engine "$name"
    DOCKER_CONFIG=$config docker context inspect "$name" >/dev/null 2>&1 ||
      DOCKER_CONFIG=$config docker context create "$name" --docker "host=unix://$(sock_of "$name")" >/dev/null
    DOCKER_HOST=unix://$(sock_of "$name") bash "$here/test-images.sh" >/dev/null
    echo "$name unix://$(sock_of "$name") $address"
  done
}

down() {
  local name
  for name in $(node_names); do
    if answering "$name"; then
      # The engine's own containers and swarm state go with it; what is left is unmounted below.
      DOCKER_HOST=unix://$(sock_of "$name") docker swarm leave --force >/dev/null 2>&1 || true
      ids=$(DOCKER_HOST=unix://$(sock_of "$name") docker ps -aq)
      [ -z "$ids" ] || DOCKER_HOST=unix://$(sock_of "$name") docker rm -f $ids >/dev/null 2>&1 || true
    fi
    stop_engine "$name"
  done
  # Whatever the engines left mounted under the lab (a killed engine's overlay and netns mounts).
  if [ -d "$dir" ]; then
    { grep -o " $dir/[^ ]*" /proc/mounts || true; } | sort -r | while read -r mount; do umount -l "$mount" 2>/dev/null || true; done
  fi
  for ns in $(ip netns list | awk '{print $1}' | grep '^dwlab-' || true); do ip netns del "$ns"; done
  for link in $(ip -o link show | awk -F': ' '{print $2}' | cut -d@ -f1 | grep '^dwlab-n' || true); do ip link del "$link" 2>/dev/null || true; done
  ip link del "$bridge" 2>/dev/null || true
  while forward_rule -C 2>/dev/null; do forward_rule -D; done
  rm -rf "$dir"
}

swarm() {
  local name manager token
  manager="unix://$(sock_of node1)"
  docker --host "$manager" swarm init --advertise-addr "$prefix.11" >/dev/null 2>&1 ||
    docker --host "$manager" info --format '{{.Swarm.LocalNodeState}}' | grep -qx active
  token=$(docker --host "$manager" swarm join-token -q worker)
  for name in $(node_names); do
    [ "$name" = node1 ] && continue
    if ! docker --host "unix://$(sock_of "$name")" info --format '{{.Swarm.LocalNodeState}}' | grep -qx active; then
      docker --host "unix://$(sock_of "$name")" swarm join --advertise-addr "$prefix.$((10 + ${name#node}))" --token "$token" "$prefix.11:2377" >/dev/null
    fi
  done
  # Ready: every node says so to the manager.
  for _ in $(seq 1 60); do
    [ "$(docker --host "$manager" node ls --format '{{.Status}}' | grep -cx Ready)" = "$(node_names | wc -l)" ] && return 0
    sleep 0.5
  done
  echo "lab swarm: not every node became Ready within 30 s" >&2
  docker --host "$manager" node ls >&2
  return 1
}

case "${1:-}" in
  up) up "${2:-3}" ;;
  down) down ;;
  stop) [ -n "${2:-}" ] && [ -d "$dir/$2" ] || { echo "lab.sh stop: no lab node \"${2:-}\"" >&2; exit 2; }; stop_engine "$2" ;;
  start) [ -n "${2:-}" ] && [ -d "$dir/$2" ] || { echo "lab.sh start: no lab node \"${2:-}\"" >&2; exit 2; }; start_engine "$2" ;;
  swarm) swarm ;;
  *) echo "usage: $0 up [N] | down | stop NAME | start NAME | swarm" >&2; exit 2 ;;
esac
