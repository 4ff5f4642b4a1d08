#!/usr/bin/env bash
# `npm test`: every check the project has, in order, stopping at the first failure: lint,
# typecheck, unit and router tests (Vitest, on PGlite and on PostgreSQL; again on Node.js 24 LTS, on
# PGlite, when the machine's Node is another version), the production build,
# then the end-to-end tests (Playwright: the REST contract and the console in Chromium) against
# that build, and the multi-replica suite (three replicas on PostgreSQL and an S3 server behind
# HAProxy). PostgreSQL must be reachable (HEARTH_TEST_POSTGRES_URL, by default the local server),
# and HAProxy and moto's S3 server installed: their absence is an error here, never a silent skip.
set -euo pipefail
cd "$(dirname "$0")/.."

started=$SECONDS
current="setup"
trap 'status=$?; if [ $status -ne 0 ]; then echo; echo "npm test: FAILED at step \"$current\" (exit $status) after $((SECONDS - started))s"; fi' EXIT

step() {
  current="$1"
  echo
  echo "==> $1"
}

require_postgres() {
  local url="$1"
  if ! node -e '
    const pg = require("pg");
    const client = new pg.Client({ connectionString: process.argv[1], connectionTimeoutMillis: 5000 });
    client.connect().then(() => client.end()).catch((error) => {
      console.error(error.message);
      process.exit(1);
    });
  ' "$url"; then
    echo "PostgreSQL is unreachable at $url." >&2
    echo "Start it (e.g. pg_ctlcluster <version> main start) or point HEARTH_TEST_POSTGRES_URL at a server." >&2
    exit 1
  fi
}

step "lint"
npm run lint

step "typecheck"
npm run typecheck

step "unit tests (vitest: pglite and postgres)"
require_postgres "${HEARTH_TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"
npx vitest run

# Node 24 is the recommended runtime (the Docker image's); this machine's Node may be older. The
# native modules (LanceDB, node-llama-cpp, sharp) are Node-API, PGlite is WebAssembly: the PGlite
# and app projects exercise all of them. PostgreSQL's project adds only the driver, run above.
if ! node --version | grep -q '^v24\.'; then
  step "unit tests on Node.js 24 (vitest: app and pglite)"
  node24="$(scripts/install-node.sh 24)"
  PATH="$node24:$PATH" node --version
  PATH="$node24:$PATH" npx vitest run --project unit --project pglite
fi

step "production build (the app and the compiled launcher)"
npm run build

step "end-to-end tests (playwright)"
if [ -n "${E2E_DATABASE_URL:-}" ]; then
  require_postgres "$E2E_DATABASE_URL"
fi
npx playwright test

step "multi-replica tests (playwright: e2e/cluster)"
require_postgres "${HEARTH_TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"
if ! command -v haproxy >/dev/null 2>&1; then
  echo "HAProxy is not installed: apt-get install haproxy (the multi-replica suite's load balancer)." >&2
  exit 1
fi
npm run test:e2e:cluster

echo
echo "npm test: ALL PASSED in $((SECONDS - started))s"
