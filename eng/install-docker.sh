#!/usr/bin/env bash
# Installs a Docker engine and Compose on Debian and makes sure an engine answers.
#
# Idempotent: every step checks first and does nothing when its result is already there.
# No systemd is assumed (containers, CI runners): dockerd is started directly with nohup.
#
# Environment:
#   BOTTLE_DOCKERD_LOG      where dockerd logs go        (default /var/log/bottle-dockerd.log)
#   BOTTLE_DOCKERD_TIMEOUT  seconds to wait for dockerd  (default 60)
#
# Client/engine note: Debian 12's docker.io is engine 20.10 (API 1.41). A newer client (e.g. a docker
# 28 CLI in /usr/local/bin, API 1.50) negotiates down to the daemon's API version on its own, so both
# clients work; we still put /usr/bin first in this script's PATH so the client matching the engine is used.
set -euo pipefail

log() { printf '[install-docker] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

command -v apt-get >/dev/null || die "apt-get not found: this script supports Debian/Ubuntu only"

export PATH="/usr/bin:/usr/sbin:$PATH"
export DEBIAN_FRONTEND=noninteractive
DOCKERD_LOG="${BOTTLE_DOCKERD_LOG:-/var/log/bottle-dockerd.log}"
TIMEOUT="${BOTTLE_DOCKERD_TIMEOUT:-60}"

engine_answers() { docker info >/dev/null 2>&1; }

# Packages: install only what is missing; apt-get update only when something must be installed.
missing=()
dpkg-query -W -f='${Status}' docker.io 2>/dev/null | grep -q 'install ok installed' || missing+=(docker.io)
dpkg-query -W -f='${Status}' docker-compose 2>/dev/null | grep -q 'install ok installed' || missing+=(docker-compose)

# Nothing to do needs no root: lets non-root CI steps and developers call this as a check.
if ((${#missing[@]} == 0)) && engine_answers; then
  log "docker.io and docker-compose installed; engine answers: $(docker version --format '{{.Server.Version}} (API {{.Server.APIVersion}})')"
  exit 0
fi
[[ $(id -u) -eq 0 ]] || die "must run as root (installs packages and starts dockerd)"

if ((${#missing[@]})); then
  log "installing ${missing[*]}"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  log "docker.io and docker-compose already installed"
fi

if engine_answers; then
  log "engine already answers: $(docker version --format '{{.Server.Version}} (API {{.Server.APIVersion}})')"
  exit 0
fi

# A stale pid file from a dead dockerd makes a new one refuse to start.
if [[ -f /var/run/docker.pid ]] && ! kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null; then
  log "removing stale /var/run/docker.pid"
  rm -f /var/run/docker.pid
fi

if ! pgrep -x dockerd >/dev/null; then
  # containerd is started by dockerd itself when no system containerd runs.
  log "starting dockerd (log: $DOCKERD_LOG)"
  nohup /usr/sbin/dockerd --iptables=true >>"$DOCKERD_LOG" 2>&1 </dev/null &
  disown || true
fi

deadline=$((SECONDS + TIMEOUT))
until engine_answers; do
  if ((SECONDS >= deadline)); then
    log "dockerd did not answer within ${TIMEOUT}s; last log lines:"
    tail -n 30 "$DOCKERD_LOG" >&2 || true
    exit 1
  fi
  if ! pgrep -x dockerd >/dev/null; then
    log "dockerd exited; last log lines:"
    tail -n 30 "$DOCKERD_LOG" >&2 || true
    exit 1
  fi
  sleep 0.5
done
log "engine answers: $(docker version --format '{{.Server.Version}} (API {{.Server.APIVersion}})')"
