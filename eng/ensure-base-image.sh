#!/usr/bin/env bash
# Makes sure the image debian:bookworm-slim exists locally, so the project's standard Dockerfiles
# (FROM debian:bookworm-slim) build on a machine with no reachable container registry.
#
# Order: already present -> done (fast path, one `docker image inspect`); else try `docker pull`;
# else build it with debootstrap (--variant=minbase) from the Debian mirror apt already uses and
# `docker import` the tree. Idempotent. Needs root for debootstrap.
#
# Environment:
#   BOTTLE_BASE_IMAGE     image to ensure              (default debian:bookworm-slim)
#   BOTTLE_DEBIAN_MIRROR  mirror for debootstrap       (default: first deb.debian.org-style URI apt uses)
#   BOTTLE_SKIP_PULL=1    do not try `docker pull` (saves its timeout where no registry exists)
set -euo pipefail

log() { printf '[ensure-base-image] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

IMAGE="${BOTTLE_BASE_IMAGE:-debian:bookworm-slim}"
SUITE=bookworm

if docker image inspect "$IMAGE" >/dev/null 2>&1; then
  log "$IMAGE present"
  exit 0
fi

if [[ "${BOTTLE_SKIP_PULL:-0}" != 1 ]]; then
  log "$IMAGE missing; trying docker pull"
  if timeout 60 docker pull -q "$IMAGE" >/dev/null 2>&1; then
    log "pulled $IMAGE"
    exit 0
  fi
  log "pull failed (no registry reachable); building $IMAGE with debootstrap"
fi

[[ $(id -u) -eq 0 ]] || die "debootstrap needs root"

# The mirror apt already trusts: deb822 sources first (URIs:), then one-line sources (deb URI SUITE).
# Security and -updates archives are skipped: debootstrap needs the main archive.
find_mirror() {
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -f $f ]] || continue
    awk '/^URIs:/ {for (i = 2; i <= NF; i++) print $i}' "$f"
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -f $f ]] || continue
    awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) { print $i; break } }' "$f"
  done
}
MIRROR="${BOTTLE_DEBIAN_MIRROR:-$(find_mirror | grep -E '/debian/?$' | head -n1 || true)}"
[[ -n $MIRROR ]] || die "no Debian mirror found in /etc/apt/sources.list(.d); set BOTTLE_DEBIAN_MIRROR"

if ! command -v debootstrap >/dev/null; then
  log "installing debootstrap"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends debootstrap >/dev/null 2>&1 ||
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends debootstrap >/dev/null; }
fi

ROOTFS="$(mktemp -d /tmp/bottle-rootfs.XXXXXX)"
trap 'rm -rf "$ROOTFS"' EXIT

log "debootstrap --variant=minbase $SUITE from $MIRROR"
debootstrap --variant=minbase "$SUITE" "$ROOTFS" "$MIRROR" >"$ROOTFS.log" 2>&1 ||
  { tail -n 20 "$ROOTFS.log" >&2; die "debootstrap failed (full log: $ROOTFS.log)"; }
rm -f "$ROOTFS.log"

# Make it closer to the official slim image: apt sources pointing at the same mirror, no apt caches.
printf 'deb %s %s main\n' "$MIRROR" "$SUITE" >"$ROOTFS/etc/apt/sources.list"
rm -rf "$ROOTFS"/var/cache/apt/archives/*.deb "$ROOTFS"/var/lib/apt/lists/*

tar -C "$ROOTFS" -c . | docker import \
  --change 'CMD ["bash"]' \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  - "$IMAGE" >/dev/null
log "imported $IMAGE ($(docker image inspect -f '{{.Size}}' "$IMAGE") bytes)"
