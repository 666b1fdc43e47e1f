using System.Runtime.InteropServices;
using Processor.Crypto.Groups;

namespace Processor.Monero.RingCt.Arithmetic;

/// <summary>
/// The terms of Σ sᵢ·Pᵢ collected one by one, then computed as one multi-scalar multiplication; terms over the points
/// of a <see cref="FixedBaseTable"/> (given by index) use its precomputed multiples instead.
/// </summary>
internal sealed class MultiScalarSum
{
    /// <summary>
    /// Fixed terms sharing a scalar are summed first when at least this many share it: the table spends 32 additions
    /// a term, a group one addition a term plus one point of the multi-scalar multiplication (about 45 additions in
    /// Pippenger's buckets, 70 in Straus's, with doublings shared by all its points), so a group of three already
    /// gains. The prover's first rounds have such terms: the witness a = bits − z takes two values in round one, four
    /// in round two and sixteen in round three (groups of about eight), times the fold weights.
    /// </summary>
    private const int SharedScalarGroupMinimum = 4;

    private readonly List<Scalar> _scalars = [];
    private readonly List<ExtendedPoint> _points = [];
    private readonly FixedBaseTable? _table;
    private readonly List<Scalar> _fixedScalars = [];
    private readonly List<int> _fixedIndices = [];

    public MultiScalarSum()
    {
    }

    public MultiScalarSum(FixedBaseTable table) => _table = table;

    public void Add(Scalar scalar, ExtendedPoint point)
    {
        _scalars.Add(scalar);
        _points.Add(point);
    }

    /// <summary>Adds scalar·P for the point at <paramref name="index"/> of the table this sum was made with.</summary>
    public void AddFixed(Scalar scalar, int index)
    {
        if (_table is null)
        {
            throw new InvalidOperationException("This sum was made without a table of fixed points.");
        }

        _fixedScalars.Add(scalar);
        _fixedIndices.Add(index);
    }

    /// <summary>
    /// The sum. Grouping fixed terms by equal scalars branches on which terms share a value; for the prover's witness
    /// that is the pattern of the amount bits, which the commitment A's bit-by-bit sum already branches on.
    /// </summary>
    public ExtendedPoint Compute()
    {
        var scalars = new List<Scalar>(_scalars);
        var points = new List<ExtendedPoint>(_points);
        var tableScalars = new List<Scalar>();
        var tableIndices = new List<int>();
        foreach (var group in SharedScalarGroups())
        {
            if (group.Count >= SharedScalarGroupMinimum)
            {
                scalars.Add(_fixedScalars[group[0]]);
                points.Add(_table!.SumOfPoints([.. group.Select(term => _fixedIndices[term])]));
            }
            else
            {
                tableScalars.AddRange(group.Select(term => _fixedScalars[term]));
                tableIndices.AddRange(group.Select(term => _fixedIndices[term]));
            }
        }

        var sum = points.Count == 0
            ? ExtendedPoint.Identity
            : MultiScalarMultiplication.Compute(CollectionsMarshal.AsSpan(scalars), CollectionsMarshal.AsSpan(points));
        return tableScalars.Count == 0
            ? sum
            : sum.Add(_table!.Sum(CollectionsMarshal.AsSpan(tableScalars), CollectionsMarshal.AsSpan(tableIndices)));
    }

    /// <summary>The fixed terms (their positions) grouped by equal scalar.</summary>
    private Dictionary<(ulong, ulong, ulong, ulong), List<int>>.ValueCollection SharedScalarGroups()
    {
        var groups = new Dictionary<(ulong, ulong, ulong, ulong), List<int>>();
        for (var term = 0; term < _fixedScalars.Count; term++)
        {
            var words = MemoryMarshal.Cast<byte, ulong>(_fixedScalars[term].Bytes);
            var key = (words[0], words[1], words[2], words[3]);
            if (!groups.TryGetValue(key, out var group))
            {
                group = [];
                groups.Add(key, group);
            }

            group.Add(term);
        }

        return groups.Values;
    }
}
