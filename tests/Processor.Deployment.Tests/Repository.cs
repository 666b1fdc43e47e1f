using Processor.Testing;

namespace Processor.Deployment.Tests;

/// <summary>Paths of the repository's deployment files.</summary>
internal static class Repository
{
    /// <summary>The folder containing processor.sln.</summary>
    public static string Root => RepositoryPaths.Root;

    public static string ComposeFile => Path.Combine(Root, "compose.yaml");

    public static string Dockerfile => Path.Combine(Root, "Dockerfile");

    public static string DockerIgnore => Path.Combine(Root, ".dockerignore");

    public static string TopicScript => Path.Combine(Root, "docker", "kafka", "create-topics.sh");

    public static string PostgresInitScript => Path.Combine(Root, "docker", "postgres", "init-processor.sh");

    /// <summary>A repository-relative path (forward slashes) as an absolute one.</summary>
    public static string PathOf(string relative) => Path.GetFullPath(Path.Combine(Root, relative));

    /// <summary>An absolute path as a repository-relative one with forward slashes.</summary>
    public static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');
}
