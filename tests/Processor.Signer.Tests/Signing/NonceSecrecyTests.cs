using System.Reflection;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Processor.Crypto.Groups;
using Processor.Crypto.Threshold.Frost;
using Processor.Signer.Signing;
using Processor.Testing;

namespace Processor.Signer.Tests.Signing;

/// <summary>Nonces live only in the signer's memory: no table of its schema holds them, in any state of an attempt, and no log line.</summary>
public sealed class NonceSecrecyTests
{
    private static readonly string[] NonceFields = ["_hiding", "_binding"];

    private static readonly int[] Signers = [1, 2];

    [Fact]
    public async Task NoncesOfAPreprocessedAttempt_AreInNoTableOfTheSignersSchema()
    {
        await using var validators = await SigningValidators.StartAsync();
        var request = Batches.Request(validators.Keys);
        var preprocesses = await validators.RequestAsync(request);
        var nonces = HeldNonceEncodings(validators.Bed(1));

        var tables = await TablesAsTextAsync(validators.Bed(1));

        Assert.Equal(2, nonces.Count);
        Assert.Contains("signing_attempts", tables.Keys);
        Assert.All(tables, table => Assert.All(nonces, nonce => Assert.DoesNotContain(nonce, table.Value, StringComparison.Ordinal)));
        // What is stored is the public preprocess that was sent.
        Assert.Contains(Convert.ToHexStringLower(preprocesses[1].Preprocesses[0].Span), tables["signing_attempts"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoncesOfACompletedSignature_AreInNoLogLineAtAnyLevel()
    {
        await using var validators = await SigningValidators.StartAsync();
        var request = Batches.Request(validators.Keys);
        var id = Batches.SignIdOf(request);
        var preprocesses = await validators.RequestAsync(request);
        var nonces = Signers.SelectMany(v => HeldNonceEncodings(validators.Bed(v)).Select(n => (Validator: v, Nonce: n))).ToList();

        var shares = await validators.RelayPreprocessesAsync(id, preprocesses, Signers);
        await validators.RelaySharesAsync(id, shares, Signers);
        // Repeated commands after the signature are ignored, and say so in the log: every step has had its chance to log.
        foreach (var validator in Signers)
        {
            await validators.DeliverAsync(validator, SigningValidators.PeerPreprocesses(id, validator, [preprocesses[1], preprocesses[2]]));
            await validators.DeliverAsync(validator, SigningValidators.PeerShares(id, validator, [shares[1], shares[2]]));
        }

        Assert.Equal(4, nonces.Count);
        foreach (var (validator, nonce) in nonces)
        {
            var lines = validators.Bed(validator).Logs.Lines;
            Assert.Contains(lines, line => line.Contains("it is already signed", StringComparison.Ordinal));
            Assert.All(lines, line => Assert.DoesNotContain(nonce, line, StringComparison.OrdinalIgnoreCase));
            Assert.All(lines, line => Assert.DoesNotContain(Convert.ToBase64String(Convert.FromHexString(nonce)), line, StringComparison.Ordinal));
        }
    }

    // The hex encodings of the (hiding, binding) nonces the validator holds in memory, read from the private fields.
    private static List<string> HeldNonceEncodings(HandlerTestBed bed)
    {
        var held = bed.Services.GetRequiredService<AttemptNonces>();
        var byAttempt = (System.Collections.IDictionary)typeof(AttemptNonces)
            .GetField("_held", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(held)!;
        return [.. byAttempt.Values.Cast<SigningNonces[]>().SelectMany(n => n).SelectMany(n => NonceFields
            .Select(field => (Scalar)typeof(SigningNonces).GetField(field, BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(n)!)
            .Select(scalar => Convert.ToHexStringLower(scalar.Serialize())))];
    }

    private static async Task<Dictionary<string, string>> TablesAsTextAsync(HandlerTestBed bed)
    {
        await using var connection = await HandlerTestBed.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var names = await connection.QueryAsync<string>(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = @schema", new { schema = bed.Schema });
        var tables = new Dictionary<string, string>();
        foreach (var name in names)
        {
            tables[name] = await connection.ExecuteScalarAsync<string?>($"SELECT string_agg(t::text, ' ') FROM {bed.Schema}.\"{name}\" t") ?? "";
        }

        return tables;
    }
}
