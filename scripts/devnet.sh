#!/usr/bin/env bash
# The devnet and its demo: Postgres, the embedded Kafka broker, litecoind regtest, the coordinator simulator and three
# validators' four services on loopback; a deposit becomes a signed Batch and a burn a payout; then it runs until Ctrl-C.
# Arguments are passed to the devnet (scripts/devnet.sh --help lists them; --exit-when-done for scripts and CI).
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

if [[ -f scripts/setup.sh ]]; then
  bash scripts/setup.sh
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Builds the four services and the coordinator simulator too (the devnet project references them).
dotnet build tools/Processor.Devnet -v q --nologo
exec dotnet artifacts/bin/Processor.Devnet/debug/Processor.Devnet.dll "$@"
