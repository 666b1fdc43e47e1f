using Processor.Crypto.Groups;
using Processor.Monero.Crypto;
using Processor.Monero.RingCt.Arithmetic;

namespace Processor.Monero.RingCt;

/// <summary>
/// A generator vector of the weighted inner product argument as its folding rounds leave it, kept as weights over a
/// base vector: element i of the current vector of length n is Σ_t weight_t · base[i + t·n], t &lt; r = |base| / n.
/// A fold X'_i = lower·X_i + upper·X_(n/2+i) uses the same two scalars for every i, so it only doubles the weights;
/// the points are recomputed from the base every <see cref="RoundsPerMaterialisation"/> folds. In between, each round's
/// L and R are multi-scalar multiplications over the base (r·n points) instead of over n folded points.
/// </summary>
internal sealed class FoldedGeneratorVector
{
    /// <summary>
    /// Folds between materialisations. Folding every round costs a 253-bit multiplication per generator per round; never
    /// materialising makes every round's L and R as large as the first. A cost model of both (README.md) puts the
    /// optimum at every third round for 128 to 1,024 generators (5 % above it for 64).
    /// </summary>
    private const int RoundsPerMaterialisation = 3;

    private readonly FixedBaseTable? _table;
    private readonly int _tableOffset;

    /// <summary>The base's points once materialised; until then the base is the table's points from the offset on.</summary>
    private ExtendedPoint[]? _points;
    private int _baseLength;
    private Scalar[] _weights;

    public FoldedGeneratorVector(ExtendedPoint[] initial)
    {
        _points = initial;
        _baseLength = initial.Length;
        _weights = [BulletproofPlusChallenges.One];
    }

    /// <summary>The vector of the table's points <paramref name="offset"/> … offset + length − 1: sums over it, and its
    /// first materialisation, use the table's precomputed multiples.</summary>
    public FoldedGeneratorVector(FixedBaseTable table, int offset, int length)
    {
        if (offset < 0 || length < 1 || offset + length > table.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(length), $"Points {offset} … {offset + length - 1} are not in a table of {table.Count}.");
        }

        _table = table;
        _tableOffset = offset;
        _baseLength = length;
        _weights = [BulletproofPlusChallenges.One];
    }

    /// <summary>n, the current length.</summary>
    public int Length => _baseLength / _weights.Length;

    /// <summary>
    /// Adds factor·Σ_i scalars[i]·X_(start+i) to <paramref name="sum"/>, as terms over the base (a sum made with the
    /// table, while the base is the table's points); the factor scales the weights, one multiplication each.
    /// </summary>
    public void AddTerms(int start, ReadOnlySpan<Scalar> scalars, Scalar factor, MultiScalarSum sum)
    {
        var length = Length;
        for (var t = 0; t < _weights.Length; t++)
        {
            var weight = _weights[t] * factor;
            for (var i = 0; i < scalars.Length; i++)
            {
                var index = start + i + (t * length);
                var scalar = scalars[i] * weight;
                if (_points is null)
                {
                    sum.AddFixed(scalar, _tableOffset + index);
                }
                else
                {
                    sum.Add(scalar, _points[index]);
                }
            }
        }
    }

    /// <summary>Halves the vector: X'_i = lower·X_i + upper·X_(n/2+i).</summary>
    public void Fold(Scalar lower, Scalar upper)
    {
        // Base index i + t·n is i + 2t·(n/2) in the lower half and i + (2t + 1)·(n/2) in the upper half.
        var weights = new Scalar[2 * _weights.Length];
        for (var t = 0; t < _weights.Length; t++)
        {
            weights[2 * t] = lower * _weights[t];
            weights[(2 * t) + 1] = upper * _weights[t];
        }

        _weights = weights;
        if (_weights.Length == 1 << RoundsPerMaterialisation && Length > 1)
        {
            Materialise();
        }
    }

    /// <summary>
    /// Makes the current vector the base. The points are computed divided by the first weight, which stays as the
    /// only weight, so the first base element of each sum enters with weight one (an addition, not a multiplication).
    /// The weights are products of public challenges, so their variable-time inversion and digits leak nothing.
    /// </summary>
    private void Materialise()
    {
        var scale = _weights[0];
        var inverse = MoneroScalars.Group.InvertPublic(scale);
        var relative = new Scalar[_weights.Length];
        relative[0] = BulletproofPlusChallenges.One;
        for (var t = 1; t < relative.Length; t++)
        {
            relative[t] = _weights[t] * inverse;
        }

        _points = _points is null
            ? _table!.SumColumns(relative, _tableOffset, Length)
            : MultiScalarMultiplication.SumColumns(relative, _points);
        _baseLength = _points.Length;
        _weights = [scale];
    }
}
