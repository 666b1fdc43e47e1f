using System.Globalization;
using Processor.Embedded;
using Processor.Hosting;
using Processor.Signer.Secrets;
using Processor.Testing;

namespace Processor.Signer.Tests.Secrets;

/// <summary>The signer refuses to start without a usable secret key file, naming the setting and what is wrong.</summary>
public sealed class SecretKeyFileTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task MissingSecretKeyFile_RefusesToStart_WithExitCode2NamingTheSetting()
    {
        var environment = Environment();
        environment["Signer__SecretKeyFile"] = "/nonexistent/signer.key";
        using var process = ChildProcess.Start(ChildProcess.RepositoryDll("Processor.Signer"), environment: environment);

        Assert.Equal(ServiceProgram.ConfigurationErrorExitCode, await process.WaitForExitAsync(Timeout));
        Assert.Contains("signer: configuration error: Signer:SecretKeyFile: the file '/nonexistent/signer.key' does not exist.", process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnsetSecretKeyFile_RefusesToStart_WithExitCode2NamingTheSetting()
    {
        using var process = ChildProcess.Start(ChildProcess.RepositoryDll("Processor.Signer"), environment: Environment());

        Assert.Equal(ServiceProgram.ConfigurationErrorExitCode, await process.WaitForExitAsync(Timeout));
        Assert.Contains("signer: configuration error: Signer:SecretKeyFile is not set", process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShortSecretKeyFile_RefusesToStart_WithExitCode2SayingWhatIsWrong_WithoutQuotingIt()
    {
        using var file = SecretKeyFile.WithContent("00112233445566778899aabbccddeeff");
        var environment = Environment();
        environment["Signer__SecretKeyFile"] = file.Path;
        using var process = ChildProcess.Start(ChildProcess.RepositoryDll("Processor.Signer"), environment: environment);

        Assert.Equal(ServiceProgram.ConfigurationErrorExitCode, await process.WaitForExitAsync(Timeout));
        Assert.Contains("Signer:SecretKeyFile: the file", process.Output, StringComparison.Ordinal);
        Assert.Contains("must hold exactly 64 hex characters (32 bytes); it holds 32 characters.", process.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("00112233445566778899aabbccddeeff", process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void NonHexSecretKeyFile_IsRefused_SayingSo()
    {
        using var file = SecretKeyFile.WithContent(new string('z', 64));

        var refused = Assert.Throws<SecretKeyFileException>(() => StorageKey.Read(file.Path));

        Assert.Contains("it holds 64 characters that are not all hex digits", refused.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Environment() => new()
    {
        ["ConnectionStrings__Postgres"] = PostgresServer.ConnectionString,
        ["Kafka__BootstrapServers"] = "127.0.0.1:1",
        ["Kafka__Mode"] = "External",
        ["Processor__Network"] = "bitcoin",
        ["Messaging__Schema"] = PostgresServer.CreateSchemaName("signercfg"),
        ["Urls"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{LoopbackPorts.GetFreePort()}"),
        ["Signer__SecretKeyFile"] = "",
        ["Bitcoin__Rpc__Url"] = "http://127.0.0.1:1/",
    };
}
