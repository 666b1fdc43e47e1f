namespace Processor.Bitcoin.Addresses;

/// <summary>The two checksum variants: BIP173 bech32 (segwit v0) and BIP350 bech32m (segwit v1+).</summary>
public enum Bech32Variant
{
    Bech32,
    Bech32m,
}

/// <summary>A decoded bech32 string: human-readable part (lower case), 5-bit data values (checksum removed) and variant.</summary>
public sealed record Bech32String(string Hrp, byte[] Data, Bech32Variant Variant);

/// <summary>BIP173/BIP350 encoding: <c>hrp 1 data checksum</c>, at most 90 characters, one case throughout.</summary>
public static class Bech32
{
    public const int MaxLength = 90;
    private const int ChecksumLength = 6;
    private const string Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private const uint Bech32Constant = 1;
    private const uint Bech32mConstant = 0x2bc830a3;

    private static readonly sbyte[] CharsetReverse = BuildReverse();

    public static string Encode(string hrp, ReadOnlySpan<byte> data, Bech32Variant variant)
    {
        if (hrp.Length == 0 || hrp.Length + 1 + data.Length + ChecksumLength > MaxLength)
        {
            throw new ArgumentException($"A bech32 string with a {hrp.Length}-character prefix and {data.Length} values is not encodable.");
        }

        var lower = hrp.ToLowerInvariant();
        var checksum = Polymod(lower, data, [0, 0, 0, 0, 0, 0]) ^ Constant(variant);
        var chars = new char[lower.Length + 1 + data.Length + ChecksumLength];
        lower.CopyTo(chars);
        chars[lower.Length] = '1';
        for (var i = 0; i < data.Length; i++)
        {
            chars[lower.Length + 1 + i] = Charset[data[i]];
        }

        for (var i = 0; i < ChecksumLength; i++)
        {
            chars[^(ChecksumLength - i)] = Charset[(int)((checksum >> (5 * (5 - i))) & 31)];
        }

        return new string(chars);
    }

    /// <summary>Decodes and checks the checksum; the variant is whichever constant the checksum matches.</summary>
    /// <exception cref="AddressFormatException">The string is not valid bech32 or bech32m; the message says why.</exception>
    public static Bech32String Decode(string text)
    {
        if (text.Length > MaxLength)
        {
            throw new AddressFormatException($"Bech32 string of {text.Length} characters exceeds {MaxLength}.");
        }

        if (text.Any(c => c is < '!' or > '~'))
        {
            throw new AddressFormatException("Bech32 string contains a character outside US-ASCII 33..126.");
        }

        if (text.Any(char.IsLower) && text.Any(char.IsUpper))
        {
            throw new AddressFormatException("Bech32 string mixes upper and lower case.");
        }

        var lower = text.ToLowerInvariant();
        var separator = lower.LastIndexOf('1');
        if (separator < 0)
        {
            throw new AddressFormatException("Bech32 string has no '1' separator.");
        }

        if (separator == 0)
        {
            throw new AddressFormatException("Bech32 string has an empty human-readable part.");
        }

        if (lower.Length - separator - 1 < ChecksumLength)
        {
            throw new AddressFormatException("Bech32 string is too short to hold a checksum.");
        }

        var values = new byte[lower.Length - separator - 1];
        for (var i = 0; i < values.Length; i++)
        {
            var c = lower[separator + 1 + i];
            var value = c < 128 ? CharsetReverse[c] : (sbyte)-1;
            if (value < 0)
            {
                throw new AddressFormatException($"Bech32 string has an invalid data character '{c}'.");
            }

            values[i] = (byte)value;
        }

        var hrp = lower[..separator];
        var residue = Polymod(hrp, values, []);
        var variant = residue switch
        {
            Bech32Constant => Bech32Variant.Bech32,
            Bech32mConstant => Bech32Variant.Bech32m,
            _ => throw new AddressFormatException("Bech32 checksum does not match (neither bech32 nor bech32m)."),
        };
        return new Bech32String(hrp, values[..^ChecksumLength], variant);
    }

    /// <summary>Regroups bits, e.g. bytes (8) to bech32 values (5) with padding, or back without padding (BIP173 rules).</summary>
    public static byte[] ConvertBits(ReadOnlySpan<byte> data, int fromBits, int toBits, bool pad)
    {
        var result = new List<byte>(data.Length * fromBits / toBits + 1);
        var accumulator = 0;
        var bits = 0;
        var maxValue = (1 << toBits) - 1;
        foreach (var value in data)
        {
            if (value >> fromBits != 0)
            {
                throw new AddressFormatException($"Value {value} does not fit in {fromBits} bits.");
            }

            accumulator = (accumulator << fromBits) | value;
            bits += fromBits;
            while (bits >= toBits)
            {
                bits -= toBits;
                result.Add((byte)((accumulator >> bits) & maxValue));
            }
        }

        if (pad)
        {
            if (bits > 0)
            {
                result.Add((byte)((accumulator << (toBits - bits)) & maxValue));
            }
        }
        else if (bits >= fromBits)
        {
            throw new AddressFormatException("Bech32 data has more than 4 bits of padding.");
        }
        else if (((accumulator << (toBits - bits)) & maxValue) != 0)
        {
            throw new AddressFormatException("Bech32 data has non-zero padding.");
        }

        return [.. result];
    }

    private static uint Constant(Bech32Variant variant) => variant == Bech32Variant.Bech32 ? Bech32Constant : Bech32mConstant;

    private static uint Polymod(string hrp, ReadOnlySpan<byte> data, ReadOnlySpan<byte> suffix)
    {
        uint checksum = 1;
        foreach (var c in hrp)
        {
            checksum = Step(checksum, (byte)(c >> 5));
        }

        checksum = Step(checksum, 0);
        foreach (var c in hrp)
        {
            checksum = Step(checksum, (byte)(c & 31));
        }

        foreach (var value in data)
        {
            checksum = Step(checksum, value);
        }

        foreach (var value in suffix)
        {
            checksum = Step(checksum, value);
        }

        return checksum;
    }

    private static uint Step(uint checksum, byte value)
    {
        var top = checksum >> 25;
        checksum = ((checksum & 0x1ffffff) << 5) ^ value;
        ReadOnlySpan<uint> generator = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
        for (var i = 0; i < generator.Length; i++)
        {
            if (((top >> i) & 1) != 0)
            {
                checksum ^= generator[i];
            }
        }

        return checksum;
    }

    private static sbyte[] BuildReverse()
    {
        var reverse = new sbyte[128];
        Array.Fill(reverse, (sbyte)-1);
        for (var i = 0; i < Charset.Length; i++)
        {
            reverse[Charset[i]] = (sbyte)i;
        }

        return reverse;
    }
}
