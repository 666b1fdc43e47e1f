namespace Processor.Bitcoin.Addresses;

/// <summary>A decoded segwit address: witness version 0..16 and program (2..40 bytes; 20 or 32 for version 0).</summary>
public sealed record SegwitAddress(int Version, byte[] Program)
{
    /// <summary>Encodes with bech32 for version 0 and bech32m for later versions (BIP350).</summary>
    public string Encode(string hrp)
    {
        Validate(Version, Program.Length);
        return Bech32.Encode(hrp, [(byte)Version, .. Bech32.ConvertBits(Program, 8, 5, pad: true)], VariantFor(Version));
    }

    /// <summary>Decodes a segwit address of the network whose human-readable part is <paramref name="hrp"/>.</summary>
    /// <exception cref="AddressFormatException">Not a valid segwit address for that prefix; the message says why.</exception>
    public static SegwitAddress Decode(string hrp, string address)
    {
        var decoded = Bech32.Decode(address);
        if (decoded.Hrp != hrp)
        {
            throw new AddressFormatException($"Address prefix '{decoded.Hrp}' is not this network's '{hrp}'.");
        }

        if (decoded.Data.Length == 0)
        {
            throw new AddressFormatException("Segwit address has an empty data part.");
        }

        var version = decoded.Data[0];
        if (version > 16)
        {
            throw new AddressFormatException($"Invalid witness version {version}.");
        }

        var program = Bech32.ConvertBits(decoded.Data.AsSpan(1), 5, 8, pad: false);
        Validate(version, program.Length);
        if (decoded.Variant != VariantFor(version))
        {
            throw new AddressFormatException(
                $"Witness version {version} needs a {VariantFor(version)} checksum, the address has a {decoded.Variant} one.");
        }

        return new SegwitAddress(version, program);
    }

    private static Bech32Variant VariantFor(int version) => version == 0 ? Bech32Variant.Bech32 : Bech32Variant.Bech32m;

    private static void Validate(int version, int programLength)
    {
        if (version is < 0 or > 16)
        {
            throw new AddressFormatException($"Invalid witness version {version}.");
        }

        if (programLength is < 2 or > 40)
        {
            throw new AddressFormatException($"Invalid witness program length {programLength} (2..40 bytes).");
        }

        if (version == 0 && programLength is not (20 or 32))
        {
            throw new AddressFormatException($"Invalid program length {programLength} for witness version 0 (20 or 32 bytes).");
        }
    }
}
