using Processor.Crypto.Groups;

namespace Processor.Crypto.Threshold.Dkg;

/// <summary>Checks a decrypted share plaintext (one scalar per curve) against the dealer's round-1 dealings.</summary>
internal static class ShareCheck
{
    /// <summary>The shares in <paramref name="plaintext"/>, one per curve (the caller disposes them); <see cref="FormatException"/> if not canonical.</summary>
    public static Scalar[] Parse(DkgSession session, ReadOnlySpan<byte> plaintext)
    {
        var shares = new List<Scalar>();
        var offset = 0;
        try
        {
            foreach (var suite in session.Suites)
            {
                shares.Add(suite.Group.DeserializeScalar(plaintext.Slice(offset, suite.Group.ScalarLength)));
                offset += suite.Group.ScalarLength;
            }
        }
        catch (FormatException)
        {
            shares.ForEach(s => s.Dispose());
            throw;
        }

        return [.. shares];
    }

    /// <summary>Null if every share in <paramref name="plaintext"/> is the one the dealer committed to, else the first bad curve's name.</summary>
    public static string? Verify(Round1Message dealer, int recipient, ReadOnlySpan<byte> plaintext)
    {
        Scalar[] shares;
        try
        {
            shares = Parse(dealer.Session, plaintext);
        }
        catch (FormatException)
        {
            return "non-canonical";
        }

        try
        {
            return Verify(dealer, recipient, shares);
        }
        finally
        {
            foreach (var share in shares)
            {
                share.Dispose();
            }
        }
    }

    /// <summary>Null if the shares (one per curve) are the ones the dealer committed to, else the first bad curve's name.</summary>
    public static string? Verify(Round1Message dealer, int recipient, IReadOnlyList<Scalar> shares)
    {
        for (var c = 0; c < shares.Count; c++)
        {
            var suite = dealer.Session.Suites[c];
            if (!dealer.Dealings[c].VerifiesShare(DkgSession.IdentifierOf(suite, recipient), shares[c]))
            {
                return suite.Group.Name;
            }
        }

        return null;
    }
}
