using Processor.Monero.Crypto;

namespace Processor.Monero.RingCt.Arithmetic;

/// <summary>
/// An Ed25519 point in extended twisted-Edwards coordinates (X:Y:Z:T, x = X/Z, y = Y/Z, xy = T/Z), for the
/// variable-time multi-scalar multiplication. Accepts points with a torsion component (Monero's ring members and
/// commitments may carry one), unlike libsodium's scalar multiplication.
/// </summary>
internal readonly struct ExtendedPoint
{
    private readonly FieldElement _x, _y, _z, _t;

    private ExtendedPoint(FieldElement x, FieldElement y, FieldElement z, FieldElement t)
    {
        _x = x;
        _y = y;
        _z = z;
        _t = t;
    }

    public static ExtendedPoint Identity { get; } =
        new(FieldElement.Zero, FieldElement.One, FieldElement.One, FieldElement.Zero);

    /// <summary>Decodes a compressed point as Monero's <c>ge_frombytes_vartime</c> does; false when no point has
    /// that encoding.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoding, out ExtendedPoint point)
    {
        point = Identity;
        if (encoding.Length != 32)
        {
            return false;
        }

        var y = FieldElement.FromBytes(encoding);
        var ySquared = y.Square();
        var u = ySquared - FieldElement.One;
        var v = (ySquared * FieldElement.EdwardsD) + FieldElement.One;
        var v3 = v.Square() * v;
        var x = u * v3 * (u * v3.Square() * v).Pow2_252_3();

        var vxx = v * x.Square();
        if (vxx != u)
        {
            if (vxx != -u)
            {
                return false;
            }

            x *= FieldElement.SqrtMinusOne;
        }

        var wantOdd = (encoding[31] & 0x80) != 0;
        if (x.IsOdd != wantOdd)
        {
            if (x.IsZero)
            {
                return false;
            }

            x = -x;
        }

        point = new ExtendedPoint(x, y, FieldElement.One, x * y);
        return true;
    }

    /// <summary>The point of a library <see cref="EdwardsPoint"/>, whose encoding is always decodable.</summary>
    public static ExtendedPoint From(EdwardsPoint point) =>
        TryDecode(point.Encoding, out var extended)
            ? extended
            : throw new InvalidOperationException($"The point {point} did not decode.");

    public EdwardsPoint ToEdwardsPoint() => EdwardsPoint.FromCanonicalEncoding(Encode());

    public byte[] Encode()
    {
        var zInverse = _z.Invert();
        var bytes = (_y * zInverse).ToBytes();
        if ((_x * zInverse).IsOdd)
        {
            bytes[31] |= 0x80;
        }

        return bytes;
    }

    public bool IsIdentity => _x.IsZero && _y == _z;

    public CachedPoint ToCached() => new(_y + _x, _y - _x, _t * FieldElement.EdwardsD2, _z + _z);

    public ExtendedPoint Add(in CachedPoint other)
    {
        var a = FieldElement.DifferenceTimes(_y, _x, other.YMinusX);
        var b = FieldElement.SumTimes(_y, _x, other.YPlusX);
        var c = _t * other.T2D;
        var d = _z * other.Z2;
        return new CompletedPoint(b - a, d - c, d + c, b + a).ToExtended();
    }

    public ExtendedPoint Subtract(in CachedPoint other)
    {
        var a = FieldElement.DifferenceTimes(_y, _x, other.YPlusX);
        var b = FieldElement.SumTimes(_y, _x, other.YMinusX);
        var c = _t * other.T2D;
        var d = _z * other.Z2;
        return new CompletedPoint(b - a, d + c, d - c, b + a).ToExtended();
    }

    public ExtendedPoint Add(in ExtendedPoint other) => Add(other.ToCached());

    /// <summary>this + other for a point with Z = 1: one multiplication fewer than <see cref="Add(in CachedPoint)"/>.</summary>
    public ExtendedPoint Add(in AffineNielsPoint other)
    {
        var a = FieldElement.DifferenceTimes(_y, _x, other.YMinusX);
        var b = FieldElement.SumTimes(_y, _x, other.YPlusX);
        var c = _t * other.XY2D;
        var d = _z + _z;
        return new CompletedPoint(b - a, d - c, d + c, b + a).ToExtended();
    }

    public ExtendedPoint Subtract(in AffineNielsPoint other)
    {
        var a = FieldElement.DifferenceTimes(_y, _x, other.YPlusX);
        var b = FieldElement.SumTimes(_y, _x, other.YMinusX);
        var c = _t * other.XY2D;
        var d = _z + _z;
        return new CompletedPoint(b - a, d + c, d - c, b + a).ToExtended();
    }

    /// <summary>
    /// The points in affine Niels form, with one field inversion for all of them (Montgomery's trick: invert the
    /// product of the Z coordinates, then peel each inverse off with two multiplications).
    /// </summary>
    public static AffineNielsPoint[] ToAffineNiels(ReadOnlySpan<ExtendedPoint> points)
    {
        var prefixProducts = new FieldElement[points.Length];
        var product = FieldElement.One;
        for (var i = 0; i < points.Length; i++)
        {
            prefixProducts[i] = product;
            product *= points[i]._z;
        }

        var inverse = product.Invert();
        var result = new AffineNielsPoint[points.Length];
        for (var i = points.Length - 1; i >= 0; i--)
        {
            var zInverse = inverse * prefixProducts[i];
            inverse *= points[i]._z;
            var x = points[i]._x * zInverse;
            var y = points[i]._y * zInverse;
            result[i] = new AffineNielsPoint(y + x, y - x, x * y * FieldElement.EdwardsD2);
        }

        return result;
    }

    /// <summary>
    /// 2^k·this. The doublings in between skip T (which doubling does not read), one multiplication fewer each; the
    /// multiplications' shared doublings are most of their cost.
    /// </summary>
    public ExtendedPoint DoubleTimes(int k)
    {
        var completed = DoubleCompleted(_x, _y, _z);
        for (var i = 1; i < k; i++)
        {
            completed = DoubleCompleted(completed.E * completed.F, completed.G * completed.H, completed.F * completed.G);
        }

        return completed.ToExtended();
    }

    public ExtendedPoint Negate() => new(-_x, _y, _z, -_t);

    /// <summary>8·this: clears the torsion component, as Monero does for every point it reads times 1/8.</summary>
    public ExtendedPoint MultiplyByCofactor() => DoubleTimes(3);

    /// <summary>2·(X:Y:Z) in completed form; T is not an input.</summary>
    private static CompletedPoint DoubleCompleted(in FieldElement x, in FieldElement y, in FieldElement z)
    {
        var a = x.Square();
        var b = y.Square();
        var zSquared = z.Square();
        var c = zSquared + zSquared;
        // E = (x + y)² − x² − y² = 2xy: one multiplication instead of a squaring and three additions.
        var e = FieldElement.SumTimes(x, x, y);
        var g = b - a;
        var f = g - c;
        var h = -(a + b);
        return new CompletedPoint(e, f, g, h);
    }

    /// <summary>The "completed" coordinates (E, F, G, H) of the hwcd formulas: x = E/G, y = H/F.</summary>
    private readonly record struct CompletedPoint(FieldElement E, FieldElement F, FieldElement G, FieldElement H)
    {
        public ExtendedPoint ToExtended() => new(E * F, G * H, F * G, E * H);
    }
}

/// <summary>A point prepared for repeated addition: (Y+X, Y−X, 2d·T, 2Z).</summary>
internal readonly record struct CachedPoint(FieldElement YPlusX, FieldElement YMinusX, FieldElement T2D, FieldElement Z2);

/// <summary>A point with Z = 1 prepared for addition: (y+x, y−x, 2d·x·y); the form of precomputed tables.</summary>
internal readonly record struct AffineNielsPoint(FieldElement YPlusX, FieldElement YMinusX, FieldElement XY2D);
