using System.Security.Cryptography;
using Dapper;
using Google.Protobuf;
using Npgsql;
using Processor.Contracts.Coordinator.V1;
using Processor.Crypto.Groups;
using Processor.Crypto.Threshold.Dkg;
using Processor.Messaging.Storage;
using Processor.Networks;
using Processor.Signer.KeyGeneration;
using Processor.Signer.Secrets;

namespace Processor.Signer.Testing;

/// <summary>
/// A validator whose own signer cheats at key generation: it signs invalid content with that validator's identity key, so
/// the fault is attributable to it. (Content a relay altered is not: the others refuse it as a poison message.) Each method
/// takes the <c>GenerateKey</c> the cheater received, which names the ceremony and the cheater's index in it.
/// </summary>
public sealed class CheatingParticipant : IDisposable
{
    private readonly IdentityKey _identity;
    private readonly string _network;
    private readonly NetworkCurve _curve;

    /// <param name="identity">The cheater's identity key (disposed with this object).</param>
    /// <param name="network">The network whose ceremonies it takes part in (part of every ceremony's context).</param>
    /// <param name="curve">The curve of that network's key (its plug-in's key form names it).</param>
    public CheatingParticipant(IdentityKey identity, string network, NetworkCurve curve)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentException.ThrowIfNullOrWhiteSpace(network);
        _identity = identity;
        _network = network;
        _curve = curve;
    }

    /// <summary>
    /// The validator whose signer keeps its sealed identity row in <paramref name="schema"/> of the database at
    /// <paramref name="connectionString"/>, opened with the storage key of its secret key file.
    /// </summary>
    public static async Task<CheatingParticipant> OpenAsync(
        string connectionString, string schema, byte[] storageKey, string network, NetworkCurve curve, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var sealedSecret = await connection.QuerySingleOrDefaultAsync<byte[]>(new CommandDefinition(
            $"SELECT sealed_secret FROM {SchemaName.Validate(schema)}.identity", cancellationToken: cancellationToken))
            ?? throw new InvalidOperationException($"The signer of {schema} has no identity key yet (it has never started).");
        using var key = StorageKey.FromBytes(storageKey);
        var secret = new SecretSealer(key).Open(SealedRow.Identity, sealedSecret);
        try
        {
            return new CheatingParticipant(IdentityKey.FromSecret(secret), network, curve);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>Its <paramref name="honest"/> commitments with the network key's C0 moved (its proof of knowledge no longer verifies), signed again.</summary>
    public KeyGenCommitments CorruptCommitment(GenerateKey ceremony, KeyGenCommitments honest)
    {
        ArgumentNullException.ThrowIfNull(honest);
        var session = SessionOf(ceremony);
        var round1 = DkgWire.ToRound1(session, honest.Commitments);
        var network = round1.Dealings[1];
        var moved = new Dealing([network.Commitments[0] + network.Group.Generator, .. network.Commitments.Skip(1)], network.Proof);
        var signed = Round1Message.Create(session, (int)ceremony.OurParticipant, _identity, round1.EncryptionKey, [round1.Dealings[0], moved]);
        return new KeyGenCommitments { Session = honest.Session, Attempt = honest.Attempt, Commitments = DkgWire.ToContract(signed) };
    }

    /// <summary>Its <paramref name="honest"/> shares with the ciphertext for <paramref name="victim"/> corrupted, signed again.</summary>
    public KeyGenShares CorruptShare(GenerateKey ceremony, int victim, KeyGenShares honest)
    {
        ArgumentNullException.ThrowIfNull(honest);
        var session = SessionOf(ceremony);
        var cheater = (int)ceremony.OurParticipant;
        var round2 = Round2Message.Deserialize(session, honest.Shares[0].SignedShares.Span);
        var ciphertexts = session.Indexes.Where(j => j != cheater).ToDictionary(j => j, j => round2.CiphertextFor(j).ToArray());
        ciphertexts[victim][5] ^= 0x40;
        var signed = ByteString.CopyFrom(Round2Message.Create(session, cheater, _identity, [.. round2.Round1Digest], ciphertexts).Serialize());
        var corrupted = honest.Clone();
        foreach (var share in corrupted.Shares)
        {
            share.SignedShares = signed;
        }

        return corrupted;
    }

    /// <summary>Its accusation of an honest participant (its real decryption key, a good share): the evidence of a false accusation.</summary>
    public byte[] FalseAccusation(GenerateKey ceremony, KeyGenCommitments accusedCommitments, KeyGenShares accusedShares)
    {
        ArgumentNullException.ThrowIfNull(accusedCommitments);
        ArgumentNullException.ThrowIfNull(accusedShares);
        var session = SessionOf(ceremony);
        return ShareAccusation.Create(
            session, (int)ceremony.OurParticipant, _identity, DkgWire.ToRound1(session, accusedCommitments.Commitments),
            Round2Message.Deserialize(session, accusedShares.Shares[0].SignedShares.Span)).Serialize();
    }

    public void Dispose() => _identity.Dispose();

    private DkgSession SessionOf(GenerateKey ceremony)
    {
        ArgumentNullException.ThrowIfNull(ceremony);
        return CeremonyParameters.From(ceremony, _identity.PublicKey.Serialize()).ToDkgSession(_network, _curve);
    }
}
