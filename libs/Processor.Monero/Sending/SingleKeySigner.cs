using Processor.Crypto.Groups;
using Processor.Monero.Keys;
using Processor.Monero.RingCt;
using Processor.Monero.Transactions;

namespace Processor.Monero.Sending;

/// <summary>Signs an <see cref="UnsignedTransaction"/> with one spend secret b: each input's secret is b + its key offset.</summary>
public static class SingleKeySigner
{
    /// <summary>The signed transaction; <paramref name="random"/> supplies the CLSAG nonces and decoy responses.</summary>
    public static MoneroTransaction Sign(UnsignedTransaction transaction, Scalar spendSecret, Func<Scalar> random)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(spendSecret);
        ArgumentNullException.ThrowIfNull(random);
        var secrets = transaction.Inputs.ToDictionary(i => i.Output.Key, i => spendSecret + i.Output.KeyOffset);
        try
        {
            var signable = transaction.WithKeyImages([.. transaction.Inputs.Select(i => KeyImage.Generate(i.Output.Key, secrets[i.Output.Key]))]);
            var clsags = signable.Inputs.Select(input =>
            {
                var clsagInput = new ClsagInput(input.Members, input.RealIndex, secrets[input.Spent.Key], input.Spent.CommitmentMask, input.Spent.Amount);
                return ClsagSigner.Sign(clsagInput, input.PseudoOutMask, signable.Message, random).Signature;
            }).ToList();
            return signable.Complete(clsags);
        }
        finally
        {
            foreach (var secret in secrets.Values)
            {
                secret.Dispose();
            }
        }
    }
}
