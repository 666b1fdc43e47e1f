using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace Processor.Embedded.Postgres;

/// <summary>
/// A throwaway PostgreSQL cluster made with Debian's server binaries (<c>initdb</c> + <c>pg_ctl</c>) in a temporary folder,
/// listening on 127.0.0.1 only, superuser <c>postgres</c>, <c>trust</c> authentication. Disposing it stops the server and deletes
/// the folder.
/// </summary>
/// <remarks>
/// <para>
/// Durability is switched off (<c>fsync=off</c>, <c>synchronous_commit=off</c>, <c>full_page_writes=off</c>): a crash of the machine
/// may corrupt the cluster, which does not matter for a cluster that lives as long as one test run, and it makes commits cheap.
/// Transactions, isolation and constraints behave exactly as on any PostgreSQL.
/// </para>
/// <para>
/// <c>initdb</c> and <c>pg_ctl</c> refuse to run as root: as root, the folder is given to the <c>postgres</c> system user and both run
/// through <c>runuser -u postgres --</c>.
/// </para>
/// <para>
/// <c>initdb</c> runs once per set of binaries: its result is kept as a template (<c>{temp}/processor-pg-template-{hash}</c>, ~40 MB,
/// reused by later runs and other processes) and each cluster starts from a copy
/// (<see cref="TemporaryPostgresOptions.UseTemplateCache"/>).
/// </para>
/// <para>
/// A process killed before disposing leaves its server running; the next start (with
/// <see cref="TemporaryPostgresOptions.CleanUpAbandonedClusters"/>) stops and deletes clusters whose owner process is gone.
/// </para>
/// </remarks>
public sealed partial class TemporaryPostgresCluster : IDisposable, IAsyncDisposable
{
    /// <summary>Prefix of the cluster folders created in the temp folder.</summary>
    public const string DirectoryPrefix = "processor-pg-";

    private const string InstallHint = "install the postgresql package: apt-get install -y postgresql";
    private const string OwnerFile = "owner.pid";
    private const string ReadyMarker = "template.ready";
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private readonly string? _runAs;
    private readonly TemporaryPostgresOptions _options;
    private int _disposed;

    private TemporaryPostgresCluster(string directory, string binDirectory, string? runAs, int port, TemporaryPostgresOptions options)
    {
        DirectoryPath = directory;
        BinDirectory = binDirectory;
        _runAs = runAs;
        _options = options;
        Port = port;
        ConnectionString = GetConnectionString("postgres");
    }

    /// <summary>Loopback port of the server.</summary>
    public int Port { get; }

    /// <summary><c>Host=127.0.0.1;Port=…;Username=postgres;Database=postgres</c>.</summary>
    public string ConnectionString { get; }

    /// <summary>The cluster's own folder (data directory, socket folder, server log); deleted on dispose.</summary>
    public string DirectoryPath { get; }

    /// <summary>The data directory (<c>PGDATA</c>).</summary>
    public string DataDirectory => Path.Combine(DirectoryPath, "data");

    /// <summary>The server's log file.</summary>
    public string LogFile => Path.Combine(DirectoryPath, "server.log");

    /// <summary>Folder of the PostgreSQL binaries used.</summary>
    public string BinDirectory { get; }

    /// <summary>Time from the start call until the server answered <c>SELECT 1</c>.</summary>
    public TimeSpan StartupTime { get; private set; }

    /// <summary>Creates, starts and waits for a new cluster.</summary>
    /// <exception cref="InvalidOperationException">The binaries are missing, or the server did not start (the message has the log tail).</exception>
    public static async Task<TemporaryPostgresCluster> StartAsync(
        TemporaryPostgresOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new TemporaryPostgresOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, 65535);

        var stopwatch = Stopwatch.StartNew();
        var binDirectory = FindBinDirectory(options.BinDirectory);
        var runAs = IsRoot() ? "postgres" : null;
        var root = Path.GetFullPath(options.RootDirectory ?? Path.GetTempPath());

        if (options.CleanUpAbandonedClusters)
        {
            await CleanUpAbandonedAsync(root, binDirectory, runAs, cancellationToken);
        }

        var directory = Path.Combine(root, DirectoryPrefix + Guid.NewGuid().ToString("N")[..16]);
        Directory.CreateDirectory(directory);
        Directory.CreateDirectory(Path.Combine(directory, "socket"));
        await File.WriteAllTextAsync(
            Path.Combine(directory, OwnerFile), Environment.ProcessId.ToString(CultureInfo.InvariantCulture), cancellationToken);

        var deadline = DateTime.UtcNow + options.StartTimeout;
        var port = options.Port == 0 ? LoopbackPorts.GetFreePort() : options.Port;
        var cluster = new TemporaryPostgresCluster(directory, binDirectory, runAs, port, options);
        try
        {
            if (runAs is not null)
            {
                await cluster.RunAsync("chown", ["-R", "postgres:postgres", directory], Remaining(deadline), cancellationToken, asServerUser: false);
            }

            if (options.UseTemplateCache)
            {
                // initdb costs ~2-3 s; a copy of an initdb'd template costs ~0.1 s.
                var template = await EnsureTemplateAsync(root, binDirectory, runAs, deadline, cancellationToken);
                var copy = await cluster.RunAsync("cp", ["-a", template, cluster.DataDirectory], Remaining(deadline), cancellationToken);
                if (copy.ExitCode != 0)
                {
                    throw new InvalidOperationException($"Copying the template cluster {template} failed (exit code {copy.ExitCode}):\n{copy.Output}");
                }
            }
            else
            {
                await InitDbAsync(cluster.DataDirectory, binDirectory, runAs, directory, Remaining(deadline), cancellationToken);
            }

            // With a free port picked by us another process may take it first: then retry with a new one.
            for (var attempt = 1; ; attempt++)
            {
                var started = await cluster.TryStartServerAsync(Remaining(deadline), cancellationToken);
                if (started)
                {
                    break;
                }

                var log = cluster.LogTail();
                if (options.Port == 0 && attempt < 3 && log.Contains("could not bind", StringComparison.OrdinalIgnoreCase))
                {
                    cluster = new TemporaryPostgresCluster(directory, binDirectory, runAs, LoopbackPorts.GetFreePort(), options);
                    continue;
                }

                throw new InvalidOperationException($"PostgreSQL did not start on 127.0.0.1:{cluster.Port}. Server log ({cluster.LogFile}):\n{log}");
            }

            await cluster.WaitUntilAnsweringAsync(deadline, cancellationToken);
            cluster.StartupTime = stopwatch.Elapsed;
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Synchronous <see cref="StartAsync"/>.</summary>
    public static TemporaryPostgresCluster Start(TemporaryPostgresOptions? options = null) =>
        StartAsync(options).GetAwaiter().GetResult();

    /// <summary>The connection string of another database in this cluster.</summary>
    public string GetConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Database = database,
        }.ConnectionString;

    /// <summary>Creates a database if it does not exist yet and returns its connection string.</summary>
    /// <param name="name">Lower-case letters, digits and underscores, starting with a letter or underscore; at most 63 characters.</param>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        if (!IdentifierPattern().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a plain lower-case identifier ([a-z_][a-z0-9_]{{0,62}}).", nameof(name));
        }

        var connection = new NpgsqlConnection(ConnectionString);
        await using (connection)
        {
            await connection.OpenAsync(cancellationToken);
            var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
            await using (exists)
            {
                exists.Parameters.Add(new NpgsqlParameter { Value = name });
                if (await exists.ExecuteScalarAsync(cancellationToken) is null)
                {
                    // The name is validated above; CREATE DATABASE takes no parameters.
#pragma warning disable CA2100
                    var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
#pragma warning restore CA2100
                    await using (create)
                    {
                        try
                        {
                            await create.ExecuteNonQueryAsync(cancellationToken);
                        }
                        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
                        {
                            // Created concurrently.
                        }
                    }
                }
            }
        }

        return GetConnectionString(name);
    }

    /// <summary>
    /// Crashes the server as a power cut would, for fault tests: the postmaster is frozen (SIGSTOP, so it forks nothing more),
    /// its processes get SIGKILL, then the postmaster itself. No shutdown checkpoint is written; <see cref="RestartAsync"/>
    /// starts the server again on the same data directory, with crash recovery.
    /// </summary>
    /// <exception cref="InvalidOperationException">The server is not running.</exception>
    public void Kill()
    {
        var postmaster = ReadPostmasterPid()
            ?? throw new InvalidOperationException($"The server of {DataDirectory} is not running (no postmaster.pid).");
        Signal("-STOP", postmaster);
        List<int> processes = [.. ChildProcessIds(postmaster), postmaster];
        foreach (var pid in processes)
        {
            Signal("-KILL", pid);
        }

        // Their sockets and shared memory are released only once they are gone.
        var deadline = DateTime.UtcNow + StopTimeout;
        while (processes.Any(IsProcessAlive))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"The server processes {string.Join(' ', processes)} outlived SIGKILL.");
            }

            Thread.Sleep(20);
        }

        // The killed processes may linger as zombies if nobody reaps them, and the server would take their lock files for
        // those of a live server: the processes are gone, so are their locks.
        File.Delete(Path.Combine(DataDirectory, "postmaster.pid"));
        foreach (var socketLock in Directory.EnumerateFiles(Path.Combine(DirectoryPath, "socket"), ".s.PGSQL.*.lock"))
        {
            File.Delete(socketLock);
        }
    }

    /// <summary>Starts the server again on the same data directory and port (after <see cref="Kill"/>) and waits until it answers.</summary>
    /// <exception cref="InvalidOperationException">The server did not start (the message has the log tail).</exception>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + _options.StartTimeout;
        if (!await TryStartServerAsync(Remaining(deadline), cancellationToken))
        {
            throw new InvalidOperationException($"PostgreSQL did not restart on 127.0.0.1:{Port}. Server log ({LogFile}):\n{LogTail()}");
        }

        await WaitUntilAnsweringAsync(deadline, cancellationToken);
    }

    /// <summary>
    /// Stops the server (<c>pg_ctl stop -m immediate</c>: a shutdown checkpoint would only cost time, seconds on a loaded machine,
    /// and a test process has little left at exit) and deletes the cluster's folder.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await StopServerAsync(DirectoryPath, BinDirectory, _runAs, CancellationToken.None);
        DeleteDirectory(DirectoryPath);
    }

    /// <inheritdoc cref="DisposeAsync"/>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>
    /// For process exit: tells the server to stop immediately (SIGQUIT to the postmaster, which is what
    /// <c>pg_ctl stop -m immediate</c> sends) and deletes the cluster's folder without waiting for the server to be gone,
    /// which on a loaded machine can take longer than a test runner gives a process to exit. The server's processes exit
    /// on their own; the files they still hold open go with them. Returns the postmaster's pid (null: it was not running).
    /// </summary>
    public int? StopWithoutWaiting()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return null;
        }

        var postmaster = ReadPostmasterPid();
        if (postmaster is { } pid)
        {
            Signal("-QUIT", pid);
        }

        DeleteDirectory(DirectoryPath);
        return postmaster;
    }

    // initdb plus the pg_hba.conf of every temporary cluster.
    private static async Task InitDbAsync(
        string dataDirectory, string binDirectory, string? runAs, string workingDirectory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var initdb = await Run(
            Path.Combine(binDirectory, "initdb"),
            ["-D", dataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync", "--wal-segsize=1"],
            runAs, workingDirectory, timeout, cancellationToken);
        if (initdb.ExitCode != 0)
        {
            throw new InvalidOperationException($"initdb failed (exit code {initdb.ExitCode}):\n{initdb.Output}");
        }

        // Loopback only, no passwords: a throwaway cluster for this machine's own tests and tools. (Written as the current user;
        // the file exists already, so it keeps its owner.)
        await File.WriteAllTextAsync(
            Path.Combine(dataDirectory, "pg_hba.conf"),
            "# Written by TemporaryPostgresCluster: throwaway cluster, trust on the socket and on 127.0.0.1 only.\n" +
            "local all all trust\n" +
            "host  all all 127.0.0.1/32 trust\n",
            cancellationToken);
    }

    /// <summary>
    /// The data directory of an initdb'd, never started cluster for these binaries, shared by all processes on the machine:
    /// <c>{root}/processor-pg-template-{hash}/data</c>. Built once under a lock file, then published by an atomic rename.
    /// </summary>
    private static async Task<string> EnsureTemplateAsync(
        string root, string binDirectory, string? runAs, DateTime deadline, CancellationToken cancellationToken)
    {
        var initdbFile = new FileInfo(Path.Combine(binDirectory, "initdb"));
        var identity = $"{initdbFile.FullName}|{initdbFile.Length}|{initdbFile.LastWriteTimeUtc.Ticks}|{runAs}|v2";
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..12];
        var template = Path.Combine(root, $"{DirectoryPrefix}template-{key}");
        var data = Path.Combine(template, "data");
        if (File.Exists(Path.Combine(template, ReadyMarker)))
        {
            return data;
        }

        await using var templateLock = await AcquireLockAsync(template + ".lock", deadline, cancellationToken);
        if (File.Exists(Path.Combine(template, ReadyMarker)))
        {
            return data;
        }

        var building = $"{template}.building-{Guid.NewGuid():N}";
        Directory.CreateDirectory(building);
        try
        {
            if (runAs is not null)
            {
                await Run("chown", ["postgres:postgres", building], null, building, Remaining(deadline), cancellationToken);
            }

            await InitDbAsync(Path.Combine(building, "data"), binDirectory, runAs, building, Remaining(deadline), cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(building, ReadyMarker), identity, cancellationToken);
            DeleteDirectory(template);
            Directory.Move(building, template);
            return data;
        }
        catch
        {
            DeleteDirectory(building);
            throw;
        }
    }

    private static async Task<FileStream> AcquireLockAsync(string path, DateTime deadline, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    private async Task<bool> TryStartServerAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var serverOptions = string.Join(' ',
            "-c listen_addresses=127.0.0.1",
            $"-p {Port.ToString(CultureInfo.InvariantCulture)}",
            $"-k '{Path.Combine(DirectoryPath, "socket")}'",
            "-c fsync=off",
            "-c synchronous_commit=off",
            "-c full_page_writes=off",
            $"-c max_connections={_options.MaxConnections.ToString(CultureInfo.InvariantCulture)}");
        var seconds = Math.Max(5, (int)Math.Ceiling(timeout.TotalSeconds));
        var result = await RunAsync(
            Path.Combine(BinDirectory, "pg_ctl"),
            ["-D", DataDirectory, "-l", LogFile, "-w", "-t", seconds.ToString(CultureInfo.InvariantCulture), "-o", serverOptions, "start"],
            timeout + TimeSpan.FromSeconds(5),
            cancellationToken);
        return result.ExitCode == 0;
    }

    private async Task WaitUntilAnsweringAsync(DateTime deadline, CancellationToken cancellationToken)
    {
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var connection = new NpgsqlConnection(ConnectionString + ";Pooling=false;Timeout=5");
                await using (connection)
                {
                    await connection.OpenAsync(cancellationToken);
                    var command = new NpgsqlCommand("SELECT 1", connection);
                    await using (command)
                    {
                        await command.ExecuteScalarAsync(cancellationToken);
                    }
                }

                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                last = e;
                await Task.Delay(100, cancellationToken);
            }
        }

        throw new InvalidOperationException(
            $"PostgreSQL on 127.0.0.1:{Port} did not answer SELECT 1 in time. Server log ({LogFile}):\n{LogTail()}", last);
    }

    private string LogTail(int lines = 40)
    {
        try
        {
            var all = File.ReadAllLines(LogFile);
            return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
        }
        catch (IOException e)
        {
            return $"(no server log: {e.Message})";
        }
        catch (UnauthorizedAccessException e)
        {
            return $"(server log unreadable: {e.Message})";
        }
    }

    private Task<CommandRunner.Result> RunAsync(
        string fileName, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken, bool asServerUser = true) =>
        Run(fileName, arguments, asServerUser ? _runAs : null, DirectoryPath, timeout, cancellationToken);

    private static Task<CommandRunner.Result> Run(
        string fileName, IReadOnlyList<string> arguments, string? runAs, string workingDirectory, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        if (runAs is null)
        {
            return CommandRunner.RunAsync(fileName, arguments, workingDirectory, timeout, cancellationToken);
        }

        var runuser = FindExecutable("runuser", ["/usr/sbin", "/sbin", "/usr/bin", "/bin"])
            ?? throw new InvalidOperationException(
                "Running as root, initdb and pg_ctl must run as the postgres user, but 'runuser' (util-linux) was not found.");
        return CommandRunner.RunAsync(runuser, ["-u", runAs, "--", fileName, .. arguments], workingDirectory, timeout, cancellationToken);
    }

    // Immediate: every caller deletes the folder next, so there is nothing a shutdown checkpoint would keep.
    private static async Task StopServerAsync(string directory, string binDirectory, string? runAs, CancellationToken cancellationToken)
    {
        var data = Path.Combine(directory, "data");
        if (!File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            return;
        }

        try
        {
            await Run(
                Path.Combine(binDirectory, "pg_ctl"),
                ["-D", data, "-m", "immediate", "-w", "-t", ((int)StopTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture), "stop"],
                runAs, directory, StopTimeout + TimeSpan.FromSeconds(5), cancellationToken);
        }
        catch (TimeoutException)
        {
            // Best effort: the folder is deleted anyway and the server exits once its data directory is gone.
        }
    }

    private static async Task CleanUpAbandonedAsync(string root, string binDirectory, string? runAs, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(root))
        {
            return;
        }

        foreach (var directory in Directory.EnumerateDirectories(root, DirectoryPrefix + "*"))
        {
            try
            {
                if (directory.Contains(".building-", StringComparison.Ordinal))
                {
                    // A template build that died half-way (a live one finishes within the start timeout).
                    if (Directory.GetLastWriteTimeUtc(directory) < DateTime.UtcNow - TimeSpan.FromHours(1))
                    {
                        DeleteDirectory(directory);
                    }

                    continue;
                }

                var ownerFile = Path.Combine(directory, OwnerFile);
                if (!File.Exists(ownerFile)
                    || !int.TryParse(await File.ReadAllTextAsync(ownerFile, cancellationToken), NumberStyles.Integer, CultureInfo.InvariantCulture, out var owner)
                    || IsProcessAlive(owner))
                {
                    continue;
                }

                await StopServerAsync(directory, binDirectory, runAs, cancellationToken);
                DeleteDirectory(directory);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                // Someone else's folder, or being cleaned concurrently: leave it.
            }
        }
    }

    private static bool IsProcessAlive(int pid)
    {
        if (!OperatingSystem.IsLinux())
        {
            return ProcessExists(pid);
        }

        // A killed process stays in /proc as a zombie until its parent reaps it: that counts as dead.
        try
        {
            var state = File.ReadLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status")
                .FirstOrDefault(l => l.StartsWith("State:", StringComparison.Ordinal));
            return state is not null && !state.Contains("zombie", StringComparison.Ordinal) && !state.Contains("dead", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool ProcessExists(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void DeleteDirectory(string directory)
    {
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            try
            {
                if (Directory.Exists(directory))
                {
                    Directory.Delete(directory, recursive: true);
                }

                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A server still shutting down may write its last files: try again shortly.
                Thread.Sleep(200 * attempt);
            }
        }
    }

    private int? ReadPostmasterPid()
    {
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        return File.Exists(pidFile)
            && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid)
                ? pid
                : null;
    }

    // The fourth field of /proc/<pid>/stat is the parent's pid (the second, the command, is in parentheses and may hold spaces).
    private static List<int> ChildProcessIds(int parent) =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => name is not null && name.All(char.IsAsciiDigit))
            .Select(name =>
            {
                try
                {
                    var stat = File.ReadAllText($"/proc/{name}/stat");
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    return (Pid: int.Parse(name!, CultureInfo.InvariantCulture), Parent: int.Parse(fields[1], CultureInfo.InvariantCulture));
                }
                catch (IOException)
                {
                    return (Pid: 0, Parent: 0);
                }
            })
            .Where(p => p.Parent == parent)
            .Select(p => p.Pid)
            .ToList();

    private static void Signal(string signal, int pid)
    {
        using var kill = Process.Start("kill", [signal, pid.ToString(CultureInfo.InvariantCulture)]);
        if (!kill.WaitForExit(10_000))
        {
            throw new InvalidOperationException($"kill {signal} {pid} did not finish within 10 s.");
        }
    }

    private static bool IsRoot()
    {
        if (!OperatingSystem.IsLinux())
        {
            return Environment.UserName == "root";
        }

        // "Uid:\treal\teffective\tsaved\tfs"
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
        var fields = line?.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return fields is { Length: >= 3 } && fields[2] == "0";
    }

    private static string FindBinDirectory(string? configured)
    {
        if (configured is not null)
        {
            if (File.Exists(Path.Combine(configured, "initdb")) && File.Exists(Path.Combine(configured, "pg_ctl")))
            {
                return configured;
            }

            throw new InvalidOperationException($"initdb and pg_ctl were not found in '{configured}' ({InstallHint}).");
        }

        var fromPath = FindExecutable("initdb", []);
        if (fromPath is not null)
        {
            // Debian links /usr/local/bin/initdb (or similar) to /usr/lib/postgresql/<v>/bin/initdb; use the real folder.
            var resolved = new FileInfo(fromPath).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? fromPath;
            var directory = Path.GetDirectoryName(resolved)!;
            if (File.Exists(Path.Combine(directory, "pg_ctl")))
            {
                return directory;
            }
        }

        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            var newest = Directory.EnumerateDirectories(debianRoot)
                .Select(d => (Directory: Path.Combine(d, "bin"), Version: ParseVersion(Path.GetFileName(d))))
                .Where(c => c.Version is not null && File.Exists(Path.Combine(c.Directory, "initdb")) && File.Exists(Path.Combine(c.Directory, "pg_ctl")))
                .OrderByDescending(c => c.Version)
                .Select(c => c.Directory)
                .FirstOrDefault();
            if (newest is not null)
            {
                return newest;
            }
        }

        throw new InvalidOperationException(
            $"The PostgreSQL server binaries (initdb, pg_ctl) were found neither on PATH nor in {debianRoot}/*/bin: {InstallHint}.");
    }

    private static Version? ParseVersion(string text) =>
        Version.TryParse(text.Contains('.', StringComparison.Ordinal) ? text : text + ".0", out var version) ? version : null;

    private static string? FindExecutable(string name, IEnumerable<string> extraDirectories)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(extraDirectories)
            .Select(d => Path.Combine(d, name))
            .FirstOrDefault(File.Exists);
    }

    private static TimeSpan Remaining(DateTime deadline)
    {
        var remaining = deadline - DateTime.UtcNow;
        return remaining > TimeSpan.FromSeconds(1) ? remaining : TimeSpan.FromSeconds(1);
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex IdentifierPattern();
}
