using Processor.Networks;

namespace Processor.Scheduling;

/// <summary>Compares output references by value (transaction id bytes, then index); records compare byte arrays by reference.</summary>
public sealed class OutputReferenceComparer : IEqualityComparer<OutputReference>, IComparer<OutputReference>
{
    public static OutputReferenceComparer Instance { get; } = new();

    public bool Equals(OutputReference? x, OutputReference? y) =>
        ReferenceEquals(x, y) || (x is not null && y is not null && x.Index == y.Index && x.TransactionId.AsSpan().SequenceEqual(y.TransactionId));

    public int GetHashCode(OutputReference obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var hash = new HashCode();
        hash.AddBytes(obj.TransactionId);
        hash.Add(obj.Index);
        return hash.ToHashCode();
    }

    public int Compare(OutputReference? x, OutputReference? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var byId = x.TransactionId.AsSpan().SequenceCompareTo(y.TransactionId);
        return byId != 0 ? byId : x.Index.CompareTo(y.Index);
    }
}
