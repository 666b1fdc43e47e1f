#!/usr/bin/env bash
# Verifies sr25519 signatures with the npm package @scure/sr25519, an implementation that shares no code with this
# repository: the independent check of the FROST sr25519 signatures (tests/Processor.Crypto.Threshold.Tests).
#
# Usage: scripts/sr25519-verify.sh CASES.json
#   CASES.json is an array of {"name", "public_key_hex", "message_hex", "signature_hex"}.
#   Prints one JSON object mapping each name to @scure/sr25519's verdict (true/false), signing context "substrate".
# Environment:
#   SCURE_SR25519_VERSION  version to install into .tools/scure-sr25519/ (default 2.3.0).
# Exit status: 0 when every case got a verdict, 2 on a usage or environment error.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# A prefix of its own: an `npm install --no-save` into a shared prefix prunes the other tools installed there.
prefix="$repo_root/.tools/scure-sr25519"
version="${SCURE_SR25519_VERSION:-2.3.0}"
package_json="$prefix/node_modules/@scure/sr25519/package.json"

if [[ $# -ne 1 || ! -f "$1" ]]; then
  echo "usage: scripts/sr25519-verify.sh CASES.json" >&2
  exit 2
fi

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "sr25519-verify: node and npm are required" >&2
  exit 2
fi

# --- install @scure/sr25519 (idempotent) ---------------------------------------------------------
installed="$(node -p "require('$package_json').version" 2>/dev/null || true)"
if [[ "$installed" != "$version" ]]; then
  echo "sr25519-verify: installing @scure/sr25519@$version into .tools/scure-sr25519/" >&2
  mkdir -p "$prefix"
  npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$prefix" "@scure/sr25519@$version" >&2
fi

exec node "$repo_root/scripts/sr25519-verify.mjs" "$prefix/node_modules/@scure/sr25519/index.js" "$1"
