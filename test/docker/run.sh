#!/usr/bin/env bash
# npm run test:docker: starts the private dockerd and registry, runs test/docker/*.test.ts, and
# stops them again, whatever the tests did.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
bash test/docker/start-dockerd.sh || exit $?
node test/run-node-tests.mjs test/docker
status=$?
bash test/docker/stop-dockerd.sh
exit $status
