using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Processor.Signer.Secrets;

/// <summary>
/// The signer's storage key, read from <see cref="SignerOptions.SecretKeyFile"/>. It never leaves this object: callers get
/// purpose-bound subkeys (HKDF-SHA256), so a key used to seal rows is never the one that seeds ceremonies.
/// </summary>
public sealed class StorageKey : IDisposable
{
    public const int Length = 32;

    private readonly byte[] _key;

    private StorageKey(byte[] key) => _key = key;

    /// <summary>The key of the configured file (the options validator has already checked it at start).</summary>
    public StorageKey(IOptions<SignerOptions> options)
        : this(Read(options.Value.SecretKeyFile))
    {
    }

    /// <summary>
    /// Reads and checks the file: 64 hex characters (surrounding whitespace allowed), i.e. 32 bytes.
    /// </summary>
    /// <exception cref="SecretKeyFileException">Unset, missing, unreadable, or not 32 bytes; the message names the setting.</exception>
    public static byte[] Read(string? path)
    {
        const string setting = SignerOptions.SecretKeyFileSetting;
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new SecretKeyFileException($"{setting} is not set: it names the file holding the signer's 32-byte storage key as 64 hex characters.");
        }

        string text;
        try
        {
            text = File.ReadAllText(path).Trim();
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new SecretKeyFileException($"{setting}: the file '{path}' does not exist.", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new SecretKeyFileException($"{setting}: the file '{path}' cannot be read ({ex.GetType().Name}).", ex);
        }

        // Never quote the content: it is (or is close to) the secret.
        if (text.Length != 2 * Length || !text.All(Uri.IsHexDigit))
        {
            throw new SecretKeyFileException(
                $"{setting}: the file '{path}' must hold exactly {2 * Length} hex characters ({Length} bytes); it holds {text.Length} characters" +
                (text.All(Uri.IsHexDigit) ? "." : " that are not all hex digits."));
        }

        return Convert.FromHexString(text);
    }

    /// <summary>A key for a test or a tool that already holds the bytes (copied).</summary>
    public static StorageKey FromBytes(ReadOnlySpan<byte> key) => key.Length == Length
        ? new StorageKey(key.ToArray())
        : throw new ArgumentException($"A storage key has {Length} bytes.", nameof(key));

    /// <summary>The subkey for <paramref name="purpose"/> and <paramref name="context"/> (the caller clears it).</summary>
    public byte[] Subkey(string purpose, ReadOnlySpan<byte> context) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, _key, Length, salt: Encoding.ASCII.GetBytes("Processor signer storage key v1"),
            info: [.. Encoding.ASCII.GetBytes(purpose), 0, .. context]);

    public void Dispose() => CryptographicOperations.ZeroMemory(_key);

    /// <summary>Says what it is, never what it holds.</summary>
    public override string ToString() => "signer storage key";
}

/// <summary>The secret key file is unusable; the message names the setting and what is wrong (never the content).</summary>
public sealed class SecretKeyFileException : Exception
{
    public SecretKeyFileException()
    {
    }

    public SecretKeyFileException(string message)
        : base(message)
    {
    }

    public SecretKeyFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
