#!/usr/bin/env bash
# Runs a benchmark of the processor: builds benchmarks/Processor.Benchmarks in Release and runs it.
#
# Usage: scripts/bench.sh <benchmark> [options]
#   scripts/bench.sh messaging        exactly-once consumer throughput next to the raw produce and consume rates of the
#                                     same embedded broker, 3 runs of 100,000 records; rewrites the "Exactly-once messaging"
#                                     section of docs/benchmarks.md (about 5 minutes on a quiet 2-core machine;
#                                     longer while other processes keep it busy: it waits for quiet and repeats
#                                     disturbed runs)
#   scripts/bench.sh messaging --help lists the options (--count, --runs, --set KEY=VALUE for the worker, --no-doc, ...)
#   scripts/bench.sh frost            FROST signing per signer (rounds 1 and 2, aggregation) for 2-of-3, 7-of-10, 67-of-100
#                                     next to one plain BIP340 signature, and DKG per participant for n = 3, 10, 100;
#                                     rewrites "FROST signing" and "Distributed key generation" (~1 minute)
#   scripts/bench.sh scan             Bitcoin block scan of mainnet block 702861 next to SHA-256d over the same bytes and
#                                     bitcoinjs-lib (npm, into .tools/bitcoinjs); rewrites "Bitcoin block scan" (~2 minutes)
#   scripts/bench.sh signing          key generation, Batch signature and 10-input transaction wall time for 3, 7 and 15
#                                     validators, each signer a process (published ReadyToRun) on the embedded broker;
#                                     rewrites "Signing cluster" (~5 minutes)
#   scripts/bench.sh flow             the whole flow at 3 validators (four services each, litecoind regtest): latency from a
#                                     deposit's finality to the verified SignedBatch and from a burn's Serai block to the
#                                     payout's broadcast, median and max of 20; rewrites "Whole flow" (~10 minutes)
#   scripts/bench.sh planning         the scheduler's planning time for 10,000 queued payments (fan-out through Branch
#                                     outputs, then the Branch plans; 600 small outputs); rewrites "Scheduler planning"
#                                     (~1 minute)
#   scripts/bench.sh monero           CLSAG sign/verify (ring 16) and Bulletproofs+ prove/verify (2 and 16 outputs) next to
#                                     one libsodium Ed25519 signature; rewrites "Monero RingCT proofs" (~1 minute)
#
# Needs what the tests need: the .NET SDK and Debian's postgresql server binaries (scripts/setup.sh). Nothing else may
# load the machine while it runs: the figures are only comparable between quiet runs on the same machine.
# Exit status: the benchmark's (0 = measured and verified; 1 = a check failed; 2 = usage error).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
project="$repo_root/benchmarks/Processor.Benchmarks/Processor.Benchmarks.csproj"
binary="$repo_root/artifacts/bin/Processor.Benchmarks/release/Processor.Benchmarks.dll"

if [[ $# -lt 1 || "$1" == "-h" || "$1" == "--help" ]]; then
  sed -n '2,27p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit $(( $# < 1 ? 2 : 0 ))
fi

benchmark="$1"
shift
case "$benchmark" in
  messaging|frost|scan|signing|flow|planning|monero)
    ;;
  *)
    echo "bench: unknown benchmark '$benchmark' (known: messaging, frost, scan, signing, flow, planning, monero)" >&2
    exit 2
    ;;
esac

echo "bench: building benchmarks/Processor.Benchmarks (Release)" >&2
dotnet build "$project" -c Release --nologo -v quiet -clp:ErrorsOnly >&2

cd "$repo_root"
if [[ "$benchmark" == signing ]]; then
  # The signers run as the container image runs them (Dockerfile): published ReadyToRun, so the first ceremonies do not
  # wait for fifteen processes to compile their code.
  published="$repo_root/artifacts/publish/ready-to-run"
  echo "bench: publishing services/Processor.Signer ReadyToRun into $published" >&2
  dotnet publish services/Processor.Signer/Processor.Signer.csproj -c Release --use-current-runtime --self-contained false \
    -p:PublishReadyToRun=true -p:UseAppHost=false -o "$published/Processor.Signer" --nologo -v quiet -clp:ErrorsOnly >&2
  set -- --service-binaries "$published" "$@"
fi
exec dotnet "$binary" "$benchmark" "$@"
