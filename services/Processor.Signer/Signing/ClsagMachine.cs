using Processor.Crypto.Groups;
using Processor.Crypto.Threshold.Frost;
using Processor.Monero.Multisig;

namespace Processor.Signer.Signing;

/// <summary>
/// One input's threshold CLSAG signer with its own copy of our key share: held in memory between the preprocess and the
/// share (the session keys a step loads are zeroed when the step ends). Dispose: zeroes the nonces and the share.
/// </summary>
internal sealed class ClsagMachine : IDisposable
{
    private readonly MultisigKeyShare _share;
    private readonly ThresholdClsagSigner _signer;

    public ClsagMachine(KeyShare share, MultisigPublicKey key, MultisigInput input)
    {
        var bytes = share.ExportSigningShare();
        try
        {
            using var secret = Ed25519Group.Instance.DeserializeScalar(bytes);
            _share = new MultisigKeyShare((int)share.Identifier.Number, secret, key);
        }
        finally
        {
            Array.Clear(bytes);
        }

        try
        {
            _signer = new ThresholdClsagSigner(_share, input);
        }
        catch
        {
            _share.Dispose();
            throw;
        }
    }

    public ClsagPreprocess Preprocess => _signer.Preprocess;

    /// <summary>Our share for <paramref name="context"/>; the nonces are erased.</summary>
    public ClsagShare Sign(ClsagSigningContext context) => _signer.Sign(context);

    public void Dispose()
    {
        _signer.Dispose();
        _share.Dispose();
    }

    public override string ToString() => $"threshold CLSAG machine of participant {_share.Participant}";
}
