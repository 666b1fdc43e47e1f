using System.Security.Cryptography;

namespace Processor.Testing;

/// <summary>
/// A signer's secret key file (<c>Signer:SecretKeyFile</c>) for a test: 32 random bytes as 64 hex characters, mode 0600,
/// in a fresh temporary directory that disposing removes.
/// </summary>
public sealed class SecretKeyFile : IDisposable
{
    private readonly string _directory;

    private SecretKeyFile(string directory, string content)
    {
        _directory = directory;
        Path = System.IO.Path.Combine(directory, "signer.key");
        File.WriteAllText(Path, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    /// <summary>The file's path.</summary>
    public string Path { get; }

    /// <summary>A file holding a fresh random key.</summary>
    public static SecretKeyFile Create() => WithContent(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)) + "\n");

    /// <summary>A file holding exactly <paramref name="content"/> (e.g. a malformed key).</summary>
    public static SecretKeyFile WithContent(string content) => new(Directory.CreateTempSubdirectory("processor-signer-key-").FullName, content);

    /// <summary>The key's bytes as the file holds them.</summary>
    public byte[] ReadKey() => Convert.FromHexString(File.ReadAllText(Path).Trim());

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public override string ToString() => Path;
}
