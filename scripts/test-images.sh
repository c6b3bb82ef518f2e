#!/usr/bin/env bash
# Builds the images the tests run, without a registry: a root filesystem of
# busybox-static plus the applets the scenarios use, imported with `docker import`.
set -euo pipefail

image=dockwire-test/busybox:2
bare=dockwire-test/sleeponly:1
if docker image inspect "$image" >/dev/null 2>&1 && docker image inspect "$bare" >/dev/null 2>&1; then exit 0; fi

# busybox-static installs a static /bin/busybox: the image holds nothing else.
busybox=/bin/busybox
[ -x "$busybox" ] || { echo "busybox-static not found: run scripts/install-deps.sh" >&2; exit 1; }

rootfs=$(mktemp -d)
trap 'rm -rf "$rootfs"' EXIT
mkdir -p "$rootfs/bin" "$rootfs/www" "$rootfs/etc" "$rootfs/tmp"
cp "$busybox" "$rootfs/bin/busybox"
for applet in sh ping wget httpd nslookup nc ip sleep cat hostname ls echo timeout; do
  ln -s busybox "$rootfs/bin/$applet"
done
echo 'hello from dockwire-test' >"$rootfs/www/index.html"
tar -C "$rootfs" -c . | docker import -c 'CMD ["sleep", "86400"]' -c 'ENV PATH=/bin' - "$image" >/dev/null
echo "built $image"

# An image with nothing but a sleep binary: no shell, no ping, no resolver
# tools. Connectivity tests must still work from inside it (the helper's job).
rm -rf "$rootfs" && mkdir -p "$rootfs"
cp "$busybox" "$rootfs/sleep"
tar -C "$rootfs" -c . | docker import -c 'ENTRYPOINT ["/sleep"]' -c 'CMD ["86400"]' - "$bare" >/dev/null
echo "built $bare"
