#!/usr/bin/env bash
# Runs the full-stack tests (tests/Processor.FullStack.Tests): the whole flow at 3 validators, t = 2, on litecoind
# regtest, the embedded broker and real PostgreSQL, once as is (with the operator's replays) and once with every service
# SIGKILLed at random moments. scripts/test.sh runs them too, after the rest; this runs only them.
#
# Usage: scripts/test-fullstack.sh [test runner options, e.g. --filter-class '*SeraiScenario*']
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

"$repo_root/scripts/setup.sh"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build tests/Processor.FullStack.Tests -v q -nologo -clp:ErrorsOnly
dotnet test --project tests/Processor.FullStack.Tests --no-build \
  --results-directory "$repo_root/artifacts/test-results" "$@"
