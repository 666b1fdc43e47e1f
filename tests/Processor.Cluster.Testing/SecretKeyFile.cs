using System.Security.Cryptography;
using System.Text;

namespace Processor.Cluster.Testing;

/// <summary>
/// A signer's secret key file (<c>Signer:SecretKeyFile</c>): a fresh random 32-byte storage key as 64 hex digits and a newline
/// (what <c>head -c32 /dev/urandom | xxd -p -c64</c> writes), in a private temporary folder (0700, the file 0600), deleted with
/// the folder on disposal.
/// </summary>
public sealed class SecretKeyFile : IDisposable
{
    /// <summary>Length of the key the file holds, in bytes.</summary>
    public const int KeyLength = 32;

    private readonly string _directory;

    private SecretKeyFile(string directory, string path, byte[] key)
    {
        _directory = directory;
        Path = path;
        Key = key;
    }

    /// <summary>Full path of the file.</summary>
    public string Path { get; }

    /// <summary>The key the file holds (what the signer reads from it).</summary>
    public byte[] Key { get; }

    /// <summary>The file's permissions as they are now.</summary>
    public UnixFileMode Mode => OperatingSystem.IsWindows() ? throw NotSupported() : File.GetUnixFileMode(Path);

    /// <exception cref="PlatformNotSupportedException">On Windows (no POSIX permissions to keep the key private with).</exception>
    public static SecretKeyFile Create()
    {
        if (OperatingSystem.IsWindows())
        {
            throw NotSupported();
        }

        var directory = Directory.CreateTempSubdirectory("processor-signer-key-").FullName;
        File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var path = System.IO.Path.Combine(directory, "secret.key");
        var key = RandomNumberGenerator.GetBytes(KeyLength);
        // Created with 0600 from the start: the key is never readable by others, not even briefly.
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        using (var stream = new FileStream(path, options))
        {
            stream.Write(Encoding.ASCII.GetBytes(Convert.ToHexStringLower(key) + "\n"));
        }

        return new SecretKeyFile(directory, path, key);
    }

    private static PlatformNotSupportedException NotSupported() =>
        new("A secret key file is kept private with POSIX permissions (0600): Linux or macOS only.");

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(Key);
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
