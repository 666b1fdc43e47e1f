#!/usr/bin/env bash
# Runs every test of the solution against real parts: a throwaway PostgreSQL cluster and the embedded Kafka broker,
# both started by the test fixtures (KAFKA_BOOTSTRAP / PROCESSOR_TEST_POSTGRES point them at real ones instead): first
# every project but the two that run alone (SkipRunAlone in their project files), then each of those on its own: the
# monerod + wallet-rpc tests and the full-stack tests (the whole flow at 3 validators, as is and under SIGKILLs), so
# that they do not share the 2 cores with the other projects.
# Installs what is missing first. Ends with one line: "N passed, N failed, N skipped". Runner options (e.g.
# --filter-class '*Reorg*') go to both runs; a run they leave without tests is not a failure.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

"$repo_root/scripts/setup.sh"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build processor.sln --no-restore -v q -nologo -clp:ErrorsOnly

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
results="$repo_root/artifacts/test-results"
status=0
dotnet test --solution processor.sln --no-build -p:SkipRunAlone=true --results-directory "$results" "$@" \
  --ignore-exit-code 8 2>&1 | tee "$log" || status=$?
for alone in tests/Processor.Monero.Node.Tests tests/Processor.FullStack.Tests; do
  dotnet test --project "$alone" --no-build --results-directory "$results" "$@" \
    --ignore-exit-code 8 2>&1 | tee -a "$log" || status=$?
done

# The platform prints one summary per run ("total: T", "failed: F", "succeeded: S", "skipped: K"): they are added.
summary() { grep -E "^\s*$1:\s*[0-9]+" "$log" | grep -oE '[0-9]+' | awk '{ n += $1 } END { print n + 0 }'; }
echo "$(summary succeeded) passed, $(summary failed) failed, $(summary skipped) skipped"
exit "$status"
