#!/usr/bin/env bash
# Installs the system packages Dockwire's tests need on Debian, only those
# missing: a Docker engine (docker.io), busybox-static for the test images,
# iptables for the engine, Chromium for the browser tests, Go for the native
# helper, iproute2 for ground truth, openssh-server for the ssh:// engine test,
# graphviz to check that `dockwire topology --format dot` is DOT that dot reads,
# docker-registry (a real registry on loopback) and apache2-utils (its htpasswd)
# for the pull tests, tcpdump to read what `dockwire capture -w -` writes. Needs root.
set -euo pipefail

need=()
command -v dockerd >/dev/null || need+=(docker.io)
[ -x /bin/busybox ] && file -L /bin/busybox 2>/dev/null | grep -q 'statically linked' || need+=(busybox-static)
command -v iptables >/dev/null || need+=(iptables)
command -v chromium >/dev/null || need+=(chromium)
command -v go >/dev/null || need+=(golang-go)
command -v ip >/dev/null || need+=(iproute2)
command -v file >/dev/null || need+=(file)
# sshd on loopback: the ssh:// engine test (host key checking, login through an agent).
[ -x /usr/sbin/sshd ] || need+=(openssh-server)
command -v dot >/dev/null || need+=(graphviz)
command -v docker-registry >/dev/null || need+=(docker-registry)
command -v htpasswd >/dev/null || need+=(apache2-utils)
command -v tcpdump >/dev/null || need+=(tcpdump)

if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" != 0 ]; then
  echo "missing packages: ${need[*]}; run as root (or: sudo $0)" >&2
  exit 1
fi
echo "installing: ${need[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
