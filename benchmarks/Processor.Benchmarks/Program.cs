using Processor.Benchmarks;
using Processor.Benchmarks.Bitcoin;
using Processor.Benchmarks.Cluster;
using Processor.Benchmarks.Crypto;
using Processor.Benchmarks.Messaging;
using Processor.Benchmarks.Monero;
using Processor.Benchmarks.Scheduling;

// Dispatches on the benchmark name (the first argument); scripts/bench.sh builds in Release and calls this.
if (args.Length == 0 || args.Any(a => a is "-h" or "--help" or "help"))
{
    PrintUsage(Console.Out);
    return args.Length == 0 ? 2 : 0;
}

try
{
    var options = BenchmarkArguments.Parse(args[1..]);
    return args[0] switch
    {
        "messaging" => await MessagingBenchmark.RunAsync(options),
        "frost" => CryptoBenchmark.Run(options),
        "scan" => ScanBenchmark.Run(options),
        "signing" => await SigningClusterBenchmark.RunAsync(options),
        "flow" => await FlowBenchmark.RunAsync(options),
        "planning" => PlanningBenchmark.Run(options),
        "monero" => RingCtBenchmark.Run(options),
        _ => Unknown(args[0]),
    };
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync($"bench: {ex.Message}");
    PrintUsage(Console.Error);
    return 2;
}

static int Unknown(string name)
{
    Console.Error.WriteLine($"bench: unknown benchmark '{name}'");
    PrintUsage(Console.Error);
    return 2;
}

static void PrintUsage(TextWriter writer) => writer.WriteLine(
    """
    Usage: scripts/bench.sh <benchmark> [options]

    Benchmarks:
      messaging   Exactly-once consumer throughput next to the raw produce and consume rates of the same embedded broker;
                  writes the "Exactly-once messaging" section of docs/benchmarks.md.
      frost       FROST signing per signer (round 1, round 2, aggregation; 2-of-3, 7-of-10, 67-of-100; taproot and
                  ristretto255; sr25519 2-of-3) next to one plain libsecp256k1 BIP340 signature, then distributed key generation per
                  participant (n = 3, 10, 100); writes the "FROST signing" and "Distributed key generation" sections.
      scan        Bitcoin block scan (decode + txids + matching 1, 100, 10,000 watched keys) of mainnet block 702861 next to
                  SHA-256d over the same bytes and bitcoinjs-lib (npm, installed into .tools/bitcoinjs); writes the
                  "Bitcoin block scan" section.
      signing     Wall time of key generation, a Batch signature and a 10-input transaction for 3, 7 and 15 validators
                  (t = 2n/3 + 1), each signer a separate process on the embedded broker; writes "Signing cluster".
      flow        The whole flow at 3 validators (four services each, litecoind regtest): deposit finality → verified
                  SignedBatch and burn's Serai block → payout broadcast, median and max; writes "Whole flow".
      planning    The scheduler's planning time for 10,000 queued payments (one large output fanned out through Branch
                  outputs, then its Branch plans; 600 small outputs); writes "Scheduler planning".
      monero      CLSAG sign and verify (ring 16) and Bulletproofs+ prove and verify (2 and 16 outputs) next to one plain
                  libsodium Ed25519 signature; writes "Monero RingCT proofs".

    Options of 'messaging':
      --count N            records per phase (default 100000)
      --partitions N       partitions of each input topic (default 12)
      --keys N             distinct counter keys (default 1000)
      --runs N             measured repetitions of every phase (default 3)
      --warmup-count N     records of the unreported warm-up round (default 10000; 0 = none)
      --set KEY=VALUE      extra configuration for the exactly-once worker, e.g. --set Messaging:MaxBatchSize=1000 (repeatable)
      --pg KEY=VALUE       extra Npgsql connection-string setting for the worker, e.g. --pg "Max Auto Prepare=0" (repeatable)
      --doc PATH           the document to update (default docs/benchmarks.md of the repository)
      --no-doc             print the results only
      --label TEXT         a note printed with the results (e.g. which variant was measured)
      --quiet-wait SECONDS before each measured phase, wait up to this long for other processes to use <= 0.25 cores
                           (default 300; the phase then runs anyway and the report counts it)
      --repeats N          repeat a run up to N times while other processes used > 0.3 cores during it (default 2)
      --only exactly-once  measure the exactly-once phase only (for tuning; prints, writes no document)

    Options of 'frost':
      --iterations N       timed operations per phase for 2-of-3 and 7-of-10 (default 300)
      --large-iterations N timed operations per phase for 67-of-100 (default 30)
      --doc PATH           the document to update (default docs/benchmarks.md of the repository)
      --no-doc             print the results only

    Options of 'signing':
      --sizes LIST         validator counts to measure (default 3,7,15)
      --batches N          Batch signatures per cluster, one after the other (default 5)
      --doc PATH           the document to update (default docs/benchmarks.md of the repository)
      --no-doc             print the results only

    Options of 'flow':
      --samples N          measured deposits and burns (default 20 each)
    Options of 'planning':
      --payments N         queued payments (default 10000)
      --runs N             measured runs of each scenario (default 20)
      --doc PATH           the document to update (default docs/benchmarks.md of the repository)
      --no-doc             print the results only

    Options of 'monero':
      --iterations N       timed CLSAG operations (default 50; the baseline runs 20× as many)
      --proof-iterations N timed Bulletproofs+ operations (default 10)
      --doc PATH           the document to update (default docs/benchmarks.md of the repository)
      --no-doc             print the results only

    Options of 'scan':
      --runs N             measured rounds (default 5); each runs every phase once, bitcoinjs-lib in a fresh Node process
      --seconds N          minimum measuring time of each phase in a round (default 2)
      --block PATH         the block's hex file (default ../shared/vectors/blocks/mainnet-702861-….hex)
      --quiet-wait SECONDS before each round, wait up to this long for other processes to use <= 0.25 cores (default 60)
      --doc PATH           the document to update (default docs/benchmarks.md of the repository)
      --no-doc             print the results only
    """);
