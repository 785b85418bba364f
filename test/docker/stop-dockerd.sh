#!/usr/bin/env bash
# Stops what start-dockerd.sh started (by the pids it recorded); the images stay in /tmp for next time.
set -uo pipefail
STATE=${VERTEX_TEST_DOCKER_STATE:-/tmp/vertex-test-docker-state}
for name in registry dockerd; do
  pidfile=$STATE/$name.pid
  [ -f "$pidfile" ] || continue
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  fi
  rm -f "$pidfile"
done
rm -f "$STATE/registry.addr" "$STATE/env"
echo "stop-dockerd: stopped" >&2
