#!/usr/bin/env bash
# Runs every test of the solution against real parts: a throwaway PostgreSQL cluster and the embedded Kafka broker,
# both started by the test fixtures (KAFKA_BOOTSTRAP / PROCESSOR_TEST_POSTGRES point them at real ones instead).
# Installs what is missing first. Ends with one line: "N passed, N failed, N skipped".
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

"$repo_root/scripts/setup.sh"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build processor.sln --no-restore -v q -nologo -clp:ErrorsOnly

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
dotnet test --solution processor.sln --no-build --results-directory "$repo_root/artifacts/test-results" "$@" 2>&1 \
  | tee "$log" || status=$?

# The platform prints one summary per run: "total: T", "failed: F", "succeeded: S", "skipped: K".
summary() { grep -E "^\s*$1:\s*[0-9]+" "$log" | tail -n 1 | grep -oE '[0-9]+' || echo 0; }
echo "$(summary succeeded) passed, $(summary failed) failed, $(summary skipped) skipped"
exit "$status"
