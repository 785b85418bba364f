#!/usr/bin/env bash
# Starts a private Docker daemon (Debian's docker.io, vfs storage, no networking of its own) and
# Debian's docker-registry on loopback, for the docker tests. Idempotent: what already runs is kept.
# Prints the settings to use; the same lines are in $VERTEX_TEST_DOCKER_STATE/env.
#   DOCKER_HOST=unix:///tmp/vertex-test-docker.sock
#   VERTEX_TEST_REGISTRY=127.0.0.1:PORT
#   VERTEX_TEST_BASE_IMAGE=vertex-test/base:local
# Stop everything with test/docker/stop-dockerd.sh.
set -euo pipefail

SOCK=/tmp/vertex-test-docker.sock
DATA=/tmp/vertex-test-docker
STATE=${VERTEX_TEST_DOCKER_STATE:-/tmp/vertex-test-docker-state}
EXEC_ROOT=/tmp/vertex-test-docker-exec
BASE_IMAGE=vertex-test/base:local
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export DOCKER_HOST=unix://$SOCK

say() { echo "start-dockerd: $*" >&2; }

missing=()
command -v dockerd >/dev/null || missing+=(docker.io)
command -v docker-registry >/dev/null || missing+=(docker-registry)
dpkg -s busybox-static >/dev/null 2>&1 || missing+=(busybox-static)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    say "needs the Debian packages ${missing[*]}, and installing them needs root. Run:"
    say "  sudo apt-get update && sudo apt-get install -y ${missing[*]}"
    say "then run this script again as root (dockerd needs root)."
    exit 2
  fi
  say "installing ${missing[*]} (apt-get) ..."
  # The packages' services must not start on their own: this script runs its own instances.
  policy=/usr/sbin/policy-rc.d
  created_policy=0
  if [ ! -e $policy ]; then printf '#!/bin/sh\nexit 101\n' >$policy && chmod +x $policy && created_policy=1; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq "${missing[@]}" >/dev/null
  [ $created_policy = 1 ] && rm -f $policy
fi
if [ "$(id -u)" != 0 ]; then
  say "dockerd needs root; run this script as root."
  exit 2
fi

mkdir -p "$STATE" "$DATA"

if docker version >/dev/null 2>&1; then
  say "dockerd already answers on $SOCK"
else
  rm -f "$SOCK"
  say "starting dockerd on $SOCK (log: $STATE/dockerd.log)"
  nohup dockerd --storage-driver vfs --iptables=false --ip6tables=false --bridge=none \
    -H "unix://$SOCK" --data-root "$DATA" --exec-root "$EXEC_ROOT" --pidfile "$STATE/dockerd.pid" \
    >"$STATE/dockerd.log" 2>&1 </dev/null &
  for _ in $(seq 1 120); do
    docker version >/dev/null 2>&1 && break
    if ! kill -0 "$(cat "$STATE/dockerd.pid" 2>/dev/null || echo $!)" 2>/dev/null && ! kill -0 $! 2>/dev/null; then
      say "dockerd exited; the end of its log:"; tail -20 "$STATE/dockerd.log" >&2; exit 1
    fi
    sleep 0.5
  done
  docker version >/dev/null 2>&1 || { say "dockerd did not answer within 60 s; see $STATE/dockerd.log"; tail -20 "$STATE/dockerd.log" >&2; exit 1; }
fi

registry_up() { [ -f "$STATE/registry.addr" ] && node -e "fetch('http://'+process.argv[1]+'/v2/').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))" "$(cat "$STATE/registry.addr")"; }
if registry_up; then
  say "docker-registry already answers on $(cat "$STATE/registry.addr")"
else
  port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
  mkdir -p "$STATE/registry"
  cat >"$STATE/registry.yml" <<YAML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $STATE/registry
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
YAML
  echo "127.0.0.1:$port" >"$STATE/registry.addr"
  say "starting docker-registry on 127.0.0.1:$port"
  nohup docker-registry serve "$STATE/registry.yml" >"$STATE/registry.log" 2>&1 </dev/null &
  echo $! >"$STATE/registry.pid"
  for _ in $(seq 1 60); do registry_up && break; sleep 0.5; done
  registry_up || { say "docker-registry did not answer; see $STATE/registry.log"; tail -20 "$STATE/registry.log" >&2; exit 1; }
fi

# Nothing can be pulled here: the base image is busybox from Debian's busybox-static, imported
# into a scratch root, with a `python` stand-in (test/docker/base/python) that plays the parts
# of the prebuilt image the scaffolded Dockerfile and a local run use.
if ! docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
  say "importing the base image $BASE_IMAGE"
  busybox=$(dpkg -L busybox-static | grep -m1 '/bin/busybox$')
  root=$(mktemp -d)
  mkdir -p "$root/bin" "$root/usr/local/bin" "$root/tmp"
  cp "$busybox" "$root/bin/busybox"
  for applet in $("$busybox" --list); do [ "$applet" = busybox ] || ln -sf busybox "$root/bin/$applet"; done
  cp "$HERE/base/python" "$root/usr/local/bin/python"
  chmod 755 "$root/usr/local/bin/python"
  tar -C "$root" -c . | docker import --change 'ENV PATH=/usr/local/bin:/bin' --change 'WORKDIR /' - "$BASE_IMAGE" >/dev/null
  rm -rf "$root"
fi

{
  echo "DOCKER_HOST=unix://$SOCK"
  echo "VERTEX_TEST_REGISTRY=$(cat "$STATE/registry.addr")"
  echo "VERTEX_TEST_BASE_IMAGE=$BASE_IMAGE"
} | tee "$STATE/env"
