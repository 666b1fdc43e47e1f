using Npgsql;
using Processor.Crypto.Groups;
using Processor.Crypto.Threshold.Dkg;
using Processor.Crypto.Threshold.Frost;
using Processor.Networks;
using Processor.Signer.Keys;

namespace Processor.Signer.Tests.Signing;

/// <summary>
/// One session's keys for every participant, from a trusted dealer: a substrate key and a network key in Serai's form, as
/// key generation leaves them (Bitcoin: the dealt secp256k1 key plus its TapTweak, made even; Monero: an Ed25519 key as it is).
/// </summary>
internal sealed class DealtSessionKeys
{
    private readonly DealtKey _substrate;
    private readonly DealtKey _network;

    public DealtSessionKeys(uint session, int threshold, int participants, NetworkCurve networkCurve = NetworkCurve.Secp256k1)
    {
        Session = session;
        NetworkCurve = networkCurve;
        _substrate = TrustedDealer.Generate(Ristretto255Group.Instance, threshold, participants);
        if (networkCurve == NetworkCurve.Ed25519)
        {
            _network = TrustedDealer.Generate(Ed25519Group.Instance, threshold, participants);
            return;
        }

        var dealt = TrustedDealer.Generate(Secp256k1Group.Instance, threshold, participants);
        using var tweak = Secp256k1Group.Instance.DeserializeScalar(Processor.Bitcoin.Addresses.NetworkKey.FromGroupKey(dealt.PublicKey.GroupPublicKey.Serialize()).Tweak);
        var offset = new KeyOffset(tweak);
        _network = new DealtKey([.. dealt.Shares.Select(s => s.WithOffset(offset))], dealt.PublicKey.WithOffset(offset));
    }

    public uint Session { get; }

    public NetworkCurve NetworkCurve { get; }

    /// <summary>The substrate key (32 bytes).</summary>
    public byte[] SubstrateKey => _substrate.PublicKey.GroupPublicKey.Serialize();

    /// <summary>The network key as published (Bitcoin: 32-byte x-only; Monero: the 32-byte point).</summary>
    public byte[] NetworkKey => NetworkCurve == NetworkCurve.Ed25519
        ? _network.PublicKey.GroupPublicKey.Serialize()
        : _network.PublicKey.GroupPublicKey.Serialize()[1..];

    /// <summary>The public side of the network key (every participant's verifying share).</summary>
    public ThresholdPublicKey NetworkPublicKey => _network.PublicKey;

    /// <summary>A key store holding participant <paramref name="participant"/>'s keys, confirmed.</summary>
    public ISessionKeyStore StoreOf(int participant) => new Store(this, participant);

    private SessionKeys KeysOf(int participant) => new(
        Session, participant, CurveKeyOf(_substrate, participant), CurveKeyOf(_network, participant));

    // A fresh copy each time: the signer disposes (zeroes) the keys it was given after every step.
    private static CurveKey CurveKeyOf(DealtKey key, int participant)
    {
        var share = key.Shares[participant - 1];
        var bytes = share.ExportSigningShare();
        using var scalar = share.Group.DeserializeScalar(bytes);
        return new CurveKey(new KeyShare(share.Identifier, scalar, share.GroupPublicKey, share.Threshold), key.PublicKey);
    }

    private sealed class Store(DealtSessionKeys keys, int participant) : ISessionKeyStore
    {
        public Task<SessionKeys?> FindConfirmedAsync(NpgsqlConnection connection, uint session, CancellationToken cancellationToken) =>
            Task.FromResult(session == keys.Session ? keys.KeysOf(participant) : null);
    }
}
