#!/usr/bin/env bash
# The devnet: Postgres, the embedded Kafka broker and the four services on loopback, until Ctrl-C.
# Arguments are passed to the devnet (scripts/devnet.sh --help lists them; --exit-when-ready for smoke tests and CI).
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

if [[ -f scripts/setup.sh ]]; then
  bash scripts/setup.sh
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Builds the four services too (the devnet project references them).
dotnet build tools/Processor.Devnet -v q --nologo
exec dotnet artifacts/bin/Processor.Devnet/debug/Processor.Devnet.dll "$@"
