using System.Reflection;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Processor.Crypto.Groups;
using Processor.Crypto.Threshold.Frost;
using Processor.Signer.Signing;
using Processor.Testing;

namespace Processor.Signer.Tests.Signing;

/// <summary>Nonces live only in the signer's memory: no table of its schema holds them, in any state of an attempt.</summary>
public sealed class NonceSecrecyTests
{
    private static readonly string[] NonceFields = ["_hiding", "_binding"];

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
