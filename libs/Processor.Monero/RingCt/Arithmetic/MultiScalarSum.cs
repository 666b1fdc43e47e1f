using System.Runtime.InteropServices;
using Processor.Crypto.Groups;

namespace Processor.Monero.RingCt.Arithmetic;

/// <summary>
/// The terms of Σ sᵢ·Pᵢ collected one by one, then computed as one multi-scalar multiplication; terms over the points
/// of a <see cref="FixedBaseTable"/> (given by index) use its precomputed multiples instead.
/// </summary>
internal sealed class MultiScalarSum
{
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

    public ExtendedPoint Compute()
    {
        var sum = _points.Count == 0
            ? ExtendedPoint.Identity
            : MultiScalarMultiplication.Compute(CollectionsMarshal.AsSpan(_scalars), CollectionsMarshal.AsSpan(_points));
        return _table is null || _fixedScalars.Count == 0
            ? sum
            : sum.Add(_table.Sum(CollectionsMarshal.AsSpan(_fixedScalars), CollectionsMarshal.AsSpan(_fixedIndices)));
    }
}
