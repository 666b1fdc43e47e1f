using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Processor.Bitcoin.Addresses;
using Processor.Bitcoin.Hashing;
using Processor.Bitcoin.Networks;
using Processor.Bitcoin.Plugin;
using Processor.Contracts.Common.V1;
using Processor.Contracts.Coordinator.V1;
using Processor.CoordinatorSimulator.Simulation;
using Processor.Crypto.Sr25519;
using Processor.Embedded.Litecoin;
using Processor.Serai;
using Processor.Serai.Contracts;
using Coin = Processor.Contracts.Common.V1.Coin;
using NetworkId = Processor.Contracts.Common.V1.NetworkId;
using ContractBatch = Processor.Contracts.Coordinator.V1.Batch;
using SeraiInInstruction = Processor.Serai.InInstruction;

namespace Processor.Devnet.Demo;

/// <summary>
/// The demo, driven through the coordinator simulator and the node's wallet: key generation; the key's activation; a deposit of
/// 1.1 coins to the External address with a transfer instruction (Serai's Raw Shorthand in an OP_RETURN), mined to finality;
/// its signed Batch, checked and sr25519-verified; a burn of 1 coin to a wallet address; its acknowledgement with the plan it
/// caused at every validator; the payout transaction, published by the schedulers and mined; and its completion reported by
/// every validator. Blocks are mined on demand, so every wait is the processor's own work.
/// </summary>
internal sealed class DemoScript(CoordinatorSimulation simulation, LitecoinNode node, int validators, TimeSpan stepTimeout)
{
    public const long DepositSatoshis = 110_000_000;
    public const long BurnSatoshis = 100_000_000;

    private const uint Session = 0;

    private static readonly string[] StepNames =
    [
        "key generation (signers)",
        "key activation (scanners)",
        "deposit with a transfer instruction",
        "signed Batch (reporters, signers)",
        "burn on Serai",
        "acknowledgement and plan (schedulers)",
        "payout transaction mined",
        "payout completed (scanners, schedulers)",
    ];

    private static BitcoinNetwork Network => BitcoinNetwork.LitecoinRegtest;

    private GeneratedKeys? _keys;
    private DateTimeOffset _keysSetAt;
    private byte[] _networkKey = [];
    private readonly SeraiAddress _recipient = new(RandomNumberGenerator.GetBytes(SeraiAddress.Size));
    private string _depositTxid = "";
    private string _depositBlock = "";
    private long _depositHeight;
    private SeraiBlock? _burnBlock;
    private string _payoutAddress = "";
    private byte[] _payoutScript = [];
    private IReadOnlyList<string> _planIds = [];
    private string _payoutTxid = "";

    private IEnumerable<int> Participants => _keys?.Participants.Keys.Order() ?? Enumerable.Range(1, validators);

    /// <summary>Runs every step, then prints the summary; returns whether every step completed.</summary>
    public async Task<bool> RunAsync(CancellationToken stopping)
    {
        var steps = new DemoSteps(StepNames, stepTimeout);
        DevnetConsole.Demo($"the demo: {StepNames.Length} steps, each given at most {DemoSteps.Seconds(stepTimeout)}");
        _ = await steps.RunAsync(GenerateKeysAsync, WhyNoKeysAsync, stopping)
            && await steps.RunAsync(ActivateKeyAsync, _ => Task.FromResult("the node's median time past did not reach the keys' Serai time"), stopping)
            && await steps.RunAsync(DepositAsync, _ => Task.FromResult("the node did not take the deposit"), stopping)
            && await steps.RunAsync(SignedBatchAsync, WhyNoSignedBatchAsync, stopping)
            && await steps.RunAsync(BurnAsync, _ => Task.FromResult("the simulator did not seal the burn's Serai block"), stopping)
            && await steps.RunAsync(AcknowledgementAsync, WhyNoAcknowledgementAsync, stopping)
            && await steps.RunAsync(PayoutMinedAsync, WhyNoPayoutAsync, stopping)
            && await steps.RunAsync(PayoutCompletedAsync, WhyNotCompletedAsync, stopping);
        foreach (var line in steps.Summary().Split('\n'))
        {
            DevnetConsole.Demo(line);
        }

        return steps.AllDone;
    }

    private async Task<string> GenerateKeysAsync(CancellationToken cancellationToken)
    {
        _keys = await simulation.RunKeyGenerationAsync(Session, cancellationToken);
        _networkKey = _keys.KeyPair.NetworkKey.ToByteArray();
        var state = await simulation.StateAsync(cancellationToken);
        _keysSetAt = state.Blocks.First(b => b.KeysSetForSessions.Contains(Session)).Time;
        return $"session {Session}, {_keys.Participants.Count} participants, t = {_keys.Threshold}; " +
               $"substrate key {Hex(_keys.KeyPair.SubstrateKey)}; External address {ExternalAddress}";
    }

    private string ExternalAddress => AddressKinds.Address(_networkKey, AddressKind.External, Network);

    private async Task<string> WhyNoKeysAsync(CancellationToken cancellationToken)
    {
        var state = await simulation.StateAsync(cancellationToken);
        var unknown = state.Validators.Where(v => v.IdentityKey is null).Select(v => v.Validator).ToList();
        if (unknown.Count > 0)
        {
            return $"the signers of validator(s) {string.Join(", ", unknown)} never announced their identity key (SignerIdentity)";
        }

        var ceremony = state.KeyGenerations.FirstOrDefault(k => k.Session == Session);
        return ceremony is null
            ? "key generation did not start"
            : $"key generation is at attempt {ceremony.Attempt}; left out: {(ceremony.Excluded.Count == 0 ? "none" : string.Join("; ", ceremony.Excluded.Select(e => $"{e.Key}: {e.Value}")))}" +
              (ceremony.Failure is { } failure ? $"; failed: {failure}" : "");
    }

    // A key is active from the first block whose median time past reaches the time Serai set it; the deposit goes after it.
    private async Task<string> ActivateKeyAsync(CancellationToken cancellationToken)
    {
        var target = _keysSetAt.ToUnixTimeSeconds();
        var mined = 0;
        while ((await node.Rpc.CallAsync("getblockchaininfo", [], cancellationToken)).GetProperty("mediantime").GetInt64() < target)
        {
            await node.MineAsync(1, cancellationToken: cancellationToken);
            mined++;
        }

        return $"mined {mined} block(s) until the chain's median time past reached the keys' Serai time; height {await node.GetHeightAsync(cancellationToken)}";
    }

    private async Task<string> DepositAsync(CancellationToken cancellationToken)
    {
        var instruction = new Shorthand.Raw(new RefundableInInstruction(null, new SeraiInInstruction.Transfer(_recipient)));
        _depositTxid = await node.SendAsync(ExternalAddress, DepositSatoshis, instruction.Encode(), cancellationToken);
        _depositBlock = (await node.MineAsync(1, cancellationToken: cancellationToken))[0];
        _depositHeight = await node.GetHeightAsync(cancellationToken);
        await node.MineAsync(Network.Confirmations - 1, cancellationToken: cancellationToken);
        return $"{Coins(DepositSatoshis)} to {ExternalAddress} with a transfer to Serai account {Hex(_recipient.Span)} in transaction {_depositTxid}, " +
               $"block {_depositHeight}; {Network.Confirmations - 1} more mined: final";
    }

    private async Task<string> SignedBatchAsync(CancellationToken cancellationToken)
    {
        var depositBlock = Hash256.Parse(_depositBlock).ToArray();
        ExecutedBatch executed;
        SeraiBlock included;
        for (uint id = 0; ; id++)
        {
            included = await simulation.WaitForBatchAsync(id, cancellationToken);
            executed = included.Batches.Single(b => b.Batch.Network == NetworkId.Bitcoin && b.Batch.Id == id);
            if (executed.Batch.ExternalBlockHash.Span.SequenceEqual(depositBlock))
            {
                break;
            }
        }

        var batch = executed.Batch;
        var message = BatchMessage.Of(ContractBatches.ToSerai(batch));
        if (!Sr25519.Verify(_keys!.KeyPair.SubstrateKey.Span, message, executed.Signature.Span))
        {
            throw new DemoCheckException($"Batch {batch.Id}'s signature does not verify under the substrate key");
        }

        CheckDepositInstruction(batch);
        return $"Batch {batch.Id} for block {_depositHeight}: transfer of {Coins(DepositSatoshis)} to {Hex(_recipient.Span)}; " +
               $"sr25519 signature verified under the substrate key{await IndependentCheckAsync(executed, message, cancellationToken)}; " +
               $"in Serai block {included.Number}";
    }

    private void CheckDepositInstruction(ContractBatch batch)
    {
        var instruction = batch.Instructions.SingleOrDefault()
            ?? throw new DemoCheckException($"Batch {batch.Id} carries {batch.Instructions.Count} instructions, expected the deposit's one");
        if (instruction.Coin != Coin.Bitcoin || instruction.Amount != DepositSatoshis)
        {
            throw new DemoCheckException($"Batch {batch.Id} credits {instruction.Amount} of {instruction.Coin}, expected {DepositSatoshis} of Bitcoin");
        }

        if (SeraiInInstruction.Decode(instruction.Instruction.Span) is not SeraiInInstruction.Transfer transfer || !transfer.Address.Span.SequenceEqual(_recipient.Span))
        {
            throw new DemoCheckException($"Batch {batch.Id}'s instruction is not the deposit's transfer to {Hex(_recipient.Span)}");
        }
    }

    // scripts/sr25519-verify.sh checks with @scure/sr25519, which shares no code with this repository; only when already installed.
    private async Task<string> IndependentCheckAsync(ExecutedBatch executed, byte[] message, CancellationToken cancellationToken)
    {
        var verdict = await IndependentSr25519.VerifyAsync(_keys!.KeyPair.SubstrateKey.ToByteArray(), message, executed.Signature.ToByteArray(), cancellationToken);
        return verdict switch
        {
            true => " and by @scure/sr25519 (scripts/sr25519-verify.sh)",
            false => throw new DemoCheckException("@scure/sr25519 (scripts/sr25519-verify.sh) rejects the Batch's signature"),
            null => "",
        };
    }

    private async Task<string> WhyNoSignedBatchAsync(CancellationToken cancellationToken)
    {
        var state = await simulation.StateAsync(cancellationToken);
        var depositBlock = Convert.ToHexStringLower(Hash256.Parse(_depositBlock).ToArray());
        var built = Participants.Where(v => state.Processor(v).Batches.Any(b => b.ExternalBlockHash == depositBlock)).ToList();
        if (built.Count == 0)
        {
            return $"no validator's reporter reported a Batch for block {_depositHeight} — is services/Processor.Reporter building Batches " +
                   "(and did the scanners see the deposit)?";
        }

        var rejected = state.Notes.LastOrDefault(n => n.Kind == SimulatorNoteKind.BatchRejected);
        return $"validator(s) {string.Join(", ", built)} built the Batch but no SignedBatch reached Serai" +
               (rejected is null ? " (signing by the signers did not finish)" : $"; last rejection: {rejected.Text}");
    }

    private async Task<string> BurnAsync(CancellationToken cancellationToken)
    {
        _payoutAddress = await node.GetNewAddressAsync(cancellationToken);
        _payoutScript = BitcoinAddress.ToScriptPubKey(_payoutAddress, Network);
        var burn = new Burn
        {
            Coin = Coin.Bitcoin,
            Amount = BurnSatoshis,
            Destination = ByteString.CopyFrom(SeraiExternalAddress.FromScriptPubKey(_payoutScript)!),
        };
        _burnBlock = await simulation.BurnAsync([burn], cancellationToken);
        return $"{Coins(BurnSatoshis)} burnt to {_payoutAddress} (ExternalAddress {Hex(burn.Destination)}) in Serai block {_burnBlock.Number}, " +
               $"which requires external block {new Hash256(_burnBlock.LatestExternalBlock(NetworkId.Bitcoin).Span)}";
    }

    private async Task<string> AcknowledgementAsync(CancellationToken cancellationToken)
    {
        var number = _burnBlock!.Number;
        var acknowledgements = await simulation.WaitForAsync(
            state =>
            {
                var found = Participants.Select(v => state.Processor(v).Acknowledgements.FirstOrDefault(a => a.SeraiBlockNumber == number)).ToList();
                return found.All(a => a is not null && a.PlanIds.Count > 0) ? found : null;
            },
            cancellationToken);
        _planIds = acknowledgements[0]!.PlanIds;
        var identical = acknowledgements.All(a => a!.PlanIds.SequenceEqual(_planIds));
        if (!identical)
        {
            throw new DemoCheckException(
                $"the validators acknowledged Serai block {number} with different plans: " +
                string.Join("; ", acknowledgements.Select((a, i) => $"validator {Participants.ElementAt(i)}: {string.Join(", ", a!.PlanIds)}")));
        }

        return $"every validator ({string.Join(", ", Participants)}) acknowledged Serai block {number} with the same plan(s) {string.Join(", ", _planIds)}";
    }

    private async Task<string> WhyNoAcknowledgementAsync(CancellationToken cancellationToken)
    {
        var state = await simulation.StateAsync(cancellationToken);
        var number = _burnBlock!.Number;
        var acknowledged = Participants.Where(v => state.Processor(v).Acknowledgements.Any(a => a.SeraiBlockNumber == number)).ToList();
        return acknowledged.Count == 0
            ? $"no validator acknowledged Serai block {number} — the reporter parks it until it scanned the required block, then the " +
              "scheduler acknowledges it (is services/Processor.Scheduler scheduling?)"
            : $"validator(s) {string.Join(", ", acknowledged)} acknowledged Serai block {number}, not all of them with a plan";
    }

    private async Task<string> PayoutMinedAsync(CancellationToken cancellationToken)
    {
        var planIds = _planIds.ToHashSet(StringComparer.Ordinal);
        var published = await simulation.WaitForAsync(
            state => Participants.SelectMany(v => state.Processor(v).Plans)
                .FirstOrDefault(p => planIds.Contains(p.PlanId) && p.State >= PlanState.Published && p.Txid.Length > 0),
            cancellationToken);
        _payoutTxid = new Hash256(Convert.FromHexString(published.Txid)).ToString();
        while (!(await node.Rpc.CallAsync("getrawmempool", [], cancellationToken)).EnumerateArray().Any(t => t.GetString() == _payoutTxid))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }

        var block = (await node.MineAsync(1, cancellationToken: cancellationToken))[0];
        var transaction = await node.Rpc.CallAsync("getrawtransaction", [_payoutTxid, true, block], cancellationToken);
        return $"transaction {_payoutTxid} in block {await node.GetHeightAsync(cancellationToken)}: {DescribePayout(transaction)}";
    }

    private string DescribePayout(JsonElement transaction)
    {
        var outputs = transaction.GetProperty("vout").EnumerateArray()
            .Select(o => (Script: Convert.FromHexString(o.GetProperty("scriptPubKey").GetProperty("hex").GetString()!),
                Satoshis: (long)decimal.Round(o.GetProperty("value").GetDecimal() * 100_000_000m)))
            .ToList();
        var paid = outputs.Where(o => o.Script.AsSpan().SequenceEqual(_payoutScript)).Sum(o => o.Satoshis);
        if (paid == 0 || paid > BurnSatoshis || paid < BurnSatoshis * 99 / 100)
        {
            throw new DemoCheckException($"transaction {_payoutTxid} pays {Coins(paid)} to {_payoutAddress}, expected the burn's {Coins(BurnSatoshis)} less a fee");
        }

        var change = AddressKinds.ScriptPubKey(_networkKey, AddressKind.Change);
        var toChange = outputs.Where(o => o.Script.AsSpan().SequenceEqual(change)).Sum(o => o.Satoshis);
        return $"{Coins(paid)} to {_payoutAddress} (the burn less a fee of {Coins(BurnSatoshis - paid)})" +
               (toChange > 0 ? $", {Coins(toChange)} to the multisig's Change address" : "") +
               $"; {outputs.Count} output(s) in all";
    }

    private async Task<string> WhyNoPayoutAsync(CancellationToken cancellationToken)
    {
        var state = await simulation.StateAsync(cancellationToken);
        var plans = Participants.Select(v => (Validator: v, Plan: state.Processor(v).Plans.FirstOrDefault(p => _planIds.Contains(p.PlanId))));
        return "the plan's transaction was not published: " +
               string.Join("; ", plans.Select(p => $"validator {p.Validator}: {(p.Plan is null ? "no plan" : $"{p.Plan.State}")}")) +
               " (plans are signed by the signers and published by the schedulers)";
    }

    private async Task<string> PayoutCompletedAsync(CancellationToken cancellationToken)
    {
        await node.MineAsync(Network.Confirmations - 1, cancellationToken: cancellationToken);
        var planIds = _planIds.ToHashSet(StringComparer.Ordinal);
        var completions = await simulation.WaitForAsync(
            state =>
            {
                var completed = Participants.Select(v => state.Processor(v).Plans.Where(p => planIds.Contains(p.PlanId) && p.IsCompleted).ToList()).ToList();
                return completed.All(c => c.Count == planIds.Count) ? completed : null;
            },
            cancellationToken);
        var block = completions[0].Select(p => p.Completion!.ExternalBlockNumber).Max();
        return $"{Network.Confirmations - 1} more blocks mined; every validator reported PlanCompleted for {planIds.Count} plan(s), the payout final in block {block}";
    }

    private async Task<string> WhyNotCompletedAsync(CancellationToken cancellationToken)
    {
        var state = await simulation.StateAsync(cancellationToken);
        var waiting = Participants.Where(v => !state.Processor(v).Plans.Where(p => _planIds.Contains(p.PlanId)).All(p => p.IsCompleted)).ToList();
        return $"validator(s) {string.Join(", ", waiting)} did not report PlanCompleted (the scanner sees the eventuality in a final block, " +
               "the scheduler reports it)";
    }

    private static string Coins(long satoshis) => (satoshis / 100_000_000m).ToString("0.########", CultureInfo.InvariantCulture) + " coin(s)";

    private static string Hex(ByteString bytes) => Convert.ToHexStringLower(bytes.Span);

    private static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);
}
