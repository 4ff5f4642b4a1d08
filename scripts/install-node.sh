#!/usr/bin/env bash
# Prints the bin folder of a Node.js of the given major version (e.g. 24), installed once from the
# npm registry's `node` package (Node's own release binaries, which is all this network reaches)
# into a cache outside the project. `npm test` runs the unit suite on it besides the machine's Node.
set -euo pipefail
major="${1:?usage: scripts/install-node.sh <major version>}"
dir="${HEARTH_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/hearth-node}/$major"
if ! "$dir/node_modules/.bin/node" --version 2>/dev/null | grep -q "^v$major\."; then
  mkdir -p "$dir"
  npm install --silent --no-audit --no-fund --no-save --prefix "$dir" "node@$major" >&2
fi
echo "$dir/node_modules/.bin"
