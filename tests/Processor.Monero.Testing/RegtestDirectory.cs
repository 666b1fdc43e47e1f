using System.Globalization;
using Processor.Embedded;

namespace Processor.Monero.Testing;

/// <summary>
/// The temporary folder of one regtest node and its wallets, marked with the test process's id so that a later run can kill
/// and delete what a killed test process left behind.
/// </summary>
internal static class RegtestDirectory
{
    public const string Prefix = "processor-xmr-";
    private const string OwnerFile = "owner.pid";

    public static async Task<string> CreateAsync(CancellationToken cancellationToken)
    {
        AbandonedNodes.CleanUp(Path.GetTempPath(), Prefix, OwnerFile, RegtestProcess.PidFilePattern);
        var directory = Path.Combine(Path.GetTempPath(), Prefix + Guid.NewGuid().ToString("N")[..16]);
        Directory.CreateDirectory(directory);
        // Written aside and renamed: another test's clean-up must never read a half-written owner file as "owner gone".
        var ownerFile = Path.Combine(directory, OwnerFile);
        await File.WriteAllTextAsync(ownerFile + ".tmp", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), cancellationToken);
        File.Move(ownerFile + ".tmp", ownerFile);
        return directory;
    }

    public static void Delete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (IOException)
        {
            // Best effort: a left-over folder is removed by the next run's clean-up.
        }
    }
}
