using Google.Protobuf;

namespace Processor.CoordinatorSimulator.Simulation;

/// <summary>A snapshot of the simulator, as <c>GET /state</c> shows it. Bytes are lower-case hex.</summary>
public sealed record SimulatorState(
    string Network,
    int Threshold,
    IReadOnlyList<SimulatorState.ValidatorView> Validators,
    IReadOnlyList<SimulatorState.KeyGenerationView> KeyGenerations,
    IReadOnlyList<SimulatorState.SessionView> Sessions,
    IReadOnlyList<SimulatorState.SigningView> Signings,
    IReadOnlyList<SimulatorState.BlockView> Blocks,
    IReadOnlyList<SimulatorNote> Notes)
{
    public sealed record ValidatorView(int Validator, string Namespace, string? IdentityKey);

    public sealed record KeyGenerationView(uint Session, uint Attempt, IReadOnlyList<int> Participants, IReadOnlyDictionary<int, string> Excluded, string? Failure);

    public sealed record SessionView(uint Session, uint Attempt, string SubstrateKey, string NetworkKey, IReadOnlyDictionary<int, int> Participants);

    public sealed record SigningView(string Id, uint Attempt, IReadOnlyList<int>? Selected, IReadOnlyList<int> SharesFrom, IReadOnlyList<int> Faulty, bool SharesRelayed, bool Completed, string? Failure);

    public sealed record BlockView(ulong Number, string Hash, DateTimeOffset Time, IReadOnlyList<uint> BatchIds, int Burns, IReadOnlyList<uint> KeysSetForSessions);

    internal static SimulatorState Of(
        SimulatorOptions options,
        IReadOnlyDictionary<int, ByteString> identities,
        IEnumerable<KeyGenerationCeremony> keyGenerations,
        IEnumerable<GeneratedKeys> sessions,
        IReadOnlyDictionary<string, SigningCeremony> signings,
        SeraiChain chain,
        IEnumerable<SimulatorNote> notes) => new(
            options.Network,
            options.EffectiveThreshold,
            [.. options.Validators.Select((v, i) => new ValidatorView(i + 1, v.Namespace, identities.TryGetValue(i + 1, out var k) ? Hex(k) : null))],
            [.. keyGenerations.Select(k => new KeyGenerationView(
                k.Session, k.Attempt, [.. k.Participants.Select(p => p.Validator)], new Dictionary<int, string>(k.Excluded), k.Failure))],
            [.. sessions.Select(s => new SessionView(s.Session, s.Attempt, Hex(s.KeyPair.SubstrateKey), Hex(s.KeyPair.NetworkKey), s.Participants))],
            [.. signings.Select(s => new SigningView(
                s.Key, s.Value.Attempt, s.Value.Selected is { } selected ? [.. selected] : null, [.. s.Value.SharesFrom.Order()], [.. s.Value.Faulty.Order()],
                s.Value.SharesRelayed, s.Value.IsCompleted, s.Value.Failure))],
            [.. chain.Blocks.Select(b => new BlockView(
                b.Number, Hex(b.Hash), b.Time, [.. b.Batches.Select(e => e.Batch.Id)], b.Burns.Values.Sum(v => v.Count),
                [.. b.Keys.Select(k => k.Session)]))],
            [.. notes]);

    private static string Hex(ByteString bytes) => Convert.ToHexStringLower(bytes.Span);
}
