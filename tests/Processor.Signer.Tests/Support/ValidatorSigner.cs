using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Processor.Crypto.Threshold.Dkg;
using Processor.Messaging.Consuming;
using Processor.Networks;
using Processor.Signer.Keys;
using Processor.Signer.Secrets;
using Processor.Testing;

namespace Processor.Signer.Tests.Support;

/// <summary>
/// One validator's signer, in-process: its handlers as <c>AddSigner</c> registers them, on its own schema with its own
/// secret key file. <see cref="RestartAsync"/> gives new handler instances over the same schema and key file.
/// </summary>
internal sealed class ValidatorSigner : IAsyncDisposable
{
    /// <summary>The network the signers of most tests serve.</summary>
    public const string Bitcoin = "bitcoin";

    private readonly bool _ownsSchema;

    private ValidatorSigner(HandlerTestBed bed, SecretKeyFile keyFile, string schema, string network, byte[] identityKey, bool ownsSchema)
    {
        Bed = bed;
        KeyFile = keyFile;
        Schema = schema;
        Network = network;
        IdentityKey = identityKey;
        _ownsSchema = ownsSchema;
    }

    public HandlerTestBed Bed { get; }

    public SecretKeyFile KeyFile { get; }

    /// <summary>The signer's schema (the bed's own, or the one a restart took over).</summary>
    public string Schema { get; }

    /// <summary>Its <c>Processor:Network</c>.</summary>
    public string Network { get; }

    /// <summary>The curve of its network key, as the configured plug-in's key form names it.</summary>
    public NetworkCurve Curve => Bed.Services.GetRequiredService<INetworkKeyForm>().Curve;

    /// <summary>The signer's identity public key.</summary>
    public byte[] IdentityKey { get; }

    /// <summary>A signer of <paramref name="network"/> (<c>Processor:Network</c>) with a new schema and key file.</summary>
    public static async Task<ValidatorSigner> StartAsync(string network = Bitcoin) => await StartAsync(SecretKeyFile.Create(), schema: null, network);

    /// <summary>A new signer process over this one's schema and key file: the old handlers are no longer used.</summary>
    public Task<ValidatorSigner> RestartAsync() => StartAsync(KeyFile, Schema, Network);

    public Task<HandlerInvocation> DeliverAsync(IMessage message, Guid? eventId = null) =>
        Bed.DeliverAsync(message, TestContext.Current.CancellationToken, eventId);

    /// <summary>The confirmed keys of <paramref name="session"/>, through the store signing uses.</summary>
    public async Task<SessionKeys?> FindConfirmedKeysAsync(uint session)
    {
        await using var connection = await HandlerTestBed.OpenConnectionAsync(TestContext.Current.CancellationToken);
        return await Bed.Services.GetRequiredService<ISessionKeyStore>().FindConfirmedAsync(connection, session, TestContext.Current.CancellationToken);
    }

    /// <summary>The identity key with its secret, as a test playing this validator misbehaving needs it.</summary>
    public async Task<Crypto.Threshold.Dkg.IdentityKey> LoadIdentityAsync()
    {
        await using var connection = await HandlerTestBed.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken);
        return await Bed.Services.GetRequiredService<SignerIdentityStore>().LoadOrCreateAsync(transaction, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await Bed.DisposeAsync();
        if (_ownsSchema)
        {
            KeyFile.Dispose();
        }
    }

    private static async Task<ValidatorSigner> StartAsync(SecretKeyFile keyFile, string? schema, string network)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Processor:Network"] = network,
            ["Signer:SecretKeyFile"] = keyFile.Path,
        };
        if (schema is not null)
        {
            settings["Messaging:Schema"] = schema;
        }

        var bed = await HandlerTestBed.StartAsync(builder => builder.AddSigner(), settings, TestContext.Current.CancellationToken);
        await using var connection = await HandlerTestBed.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken);
        using var identity = await bed.Services.GetRequiredService<SignerIdentityStore>().LoadOrCreateAsync(transaction, TestContext.Current.CancellationToken);
        await transaction.CommitAsync(TestContext.Current.CancellationToken);
        return new ValidatorSigner(bed, keyFile, schema ?? bed.Schema, network, identity.PublicKey.Serialize(), ownsSchema: schema is null);
    }
}
