using Processor.Crypto.Groups;

namespace Processor.Monero.RingCt.Arithmetic;

/// <summary>The terms of Σ sᵢ·Pᵢ collected one by one, then computed as one multi-scalar multiplication.</summary>
internal sealed class MultiScalarSum
{
    private readonly List<Scalar> _scalars = [];
    private readonly List<ExtendedPoint> _points = [];

    public void Add(Scalar scalar, ExtendedPoint point)
    {
        _scalars.Add(scalar);
        _points.Add(point);
    }

    public ExtendedPoint Compute() => MultiScalarMultiplication.Compute([.. _scalars], [.. _points]);
}
