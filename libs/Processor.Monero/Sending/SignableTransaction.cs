using Processor.Monero.Transactions;

namespace Processor.Monero.Sending;

/// <summary>
/// A transaction whose prefix is final (key images in place): the CLSAG message and each input's signing data, in
/// transaction order. <see cref="Complete"/> takes one CLSAG per input, however they were made (one key, or threshold).
/// </summary>
public sealed class SignableTransaction
{
    private readonly MoneroTransaction _unsigned;

    internal SignableTransaction(MoneroTransaction unsigned, IReadOnlyList<InputSigningData> inputs)
    {
        _unsigned = unsigned;
        Inputs = inputs;
        Message = unsigned.SignatureHash();
    }

    /// <summary>The inputs' signing data, in transaction order (key images descending).</summary>
    public IReadOnlyList<InputSigningData> Inputs { get; }

    /// <summary>What every CLSAG signs (<c>get_pre_mlsag_hash</c>).</summary>
    public byte[] Message { get; }

    /// <summary>The signed transaction with <paramref name="clsags"/> (one per input, in <see cref="Inputs"/>' order).</summary>
    public MoneroTransaction Complete(IReadOnlyList<Clsag> clsags)
    {
        ArgumentNullException.ThrowIfNull(clsags);
        if (clsags.Count != Inputs.Count || clsags.Zip(Inputs).Any(p => p.First.S.Count != p.Second.Members.Count))
        {
            throw new ArgumentException($"One CLSAG per input ({Inputs.Count}), each with one response per ring member, is needed.", nameof(clsags));
        }

        var prunable = _unsigned.Prunable!;
        return MoneroTransaction.CreateV2(_unsigned.Prefix, _unsigned.RctBase!, prunable with { Clsags = clsags, PseudoOutputs = [.. Inputs.Select(i => RctKey.From(i.PseudoOut))] });
    }
}
