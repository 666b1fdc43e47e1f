using System.Security.Cryptography;
using Dapper;
using Processor.Signer.Secrets;
using Processor.Signer.Tests.KeyGeneration;
using Processor.Signer.Tests.Support;
using Processor.Testing;

namespace Processor.Signer.Tests.Secrets;

/// <summary>Secrets in Postgres are sealed: never in clear, and a sealed value does not open in another row or under another key.</summary>
public sealed class SecretsAtRestTests : ValidatorSignersTest
{

    [Fact]
    public async Task EverySignerTable_HoldsNoShareAndNoIdentitySecretInClear()
    {
        var generated = await new KeyGenRelay(Validators, session: 1, attempt: 0, threshold: 2).RunAsync();
        var signer = Validators[0];
        await signer.DeliverAsync(KeyGenerationTests.Confirm(1, generated[1].KeyPair));
        using var keys = await signer.FindConfirmedKeysAsync(1);
        using var identity = await signer.LoadIdentityAsync();
        var secrets = new Dictionary<string, byte[]>
        {
            ["substrate share"] = keys!.Substrate.Share.ExportSigningShare(),
            ["network share"] = keys.Network.Share.ExportSigningShare(),
            ["identity secret"] = identity.ExportSecret(),
            ["storage key"] = signer.KeyFile.ReadKey(),
        };

        var tables = await ReadEveryTableAsync(signer.Schema);

        Assert.Contains("session_keys", tables.Keys);
        Assert.Contains("outbox", tables.Keys);
        foreach (var (table, rows) in tables)
        {
            foreach (var (name, secret) in secrets)
            {
                Assert.False(rows.Contains(Convert.ToHexStringLower(secret), StringComparison.Ordinal), $"the {name} is in clear in {table}");
                Assert.False(rows.Contains(Convert.ToBase64String(secret), StringComparison.Ordinal), $"the {name} is in clear (base64) in {table}");
            }
        }

        foreach (var secret in secrets.Values)
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    [Fact]
    public void SealedValue_OpensOnlyInItsOwnRow_AndOnlyUnderItsKey()
    {
        using var storageKey = StorageKey.FromBytes(RandomNumberGenerator.GetBytes(StorageKey.Length));
        var sealer = new SecretSealer(storageKey);
        var row = new SealedRow("key share", 4, 1, "secp256k1");
        byte[] secret = [.. RandomNumberGenerator.GetBytes(32)];

        var sealedValue = sealer.Seal(row, secret);

        Assert.Equal(secret, sealer.Open(row, sealedValue));
        Assert.Throws<CryptographicException>(() => sealer.Open(row with { Session = 5 }, sealedValue));
        Assert.Throws<CryptographicException>(() => sealer.Open(row with { Attempt = 0 }, sealedValue));
        Assert.Throws<CryptographicException>(() => sealer.Open(row with { Curve = "ristretto255" }, sealedValue));
        using var otherKey = StorageKey.FromBytes(RandomNumberGenerator.GetBytes(StorageKey.Length));
        var wrongKey = Assert.Throws<CryptographicException>(() => new SecretSealer(otherKey).Open(row, sealedValue));
        Assert.Contains("Signer:SecretKeyFile", wrongKey.Message, StringComparison.Ordinal);
        Assert.Equal("signer storage key", storageKey.ToString());
    }

    /// <summary>Each table of the schema as the text of all its rows (bytea as hex).</summary>
    private static async Task<Dictionary<string, string>> ReadEveryTableAsync(string schema)
    {
        await using var connection = await HandlerTestBed.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var names = await connection.QueryAsync<string>("SELECT tablename FROM pg_tables WHERE schemaname = @schema", new { schema });
        var tables = new Dictionary<string, string>();
        foreach (var name in names)
        {
            var rows = await connection.QueryAsync<string>($"SELECT t::text FROM {schema}.\"{name}\" t");
            tables[name] = string.Join("\n", rows);
        }

        return tables;
    }
}
