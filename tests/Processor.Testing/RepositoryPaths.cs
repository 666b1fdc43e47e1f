using System.Text.Json;

namespace Processor.Testing;

/// <summary>Where the repository and the shared test data are, found from the test binaries.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder containing processor.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The shared test vectors and real blocks: <c>../shared/vectors</c> beside the checkout (never copied into it).</summary>
    public static string Vectors => Path.GetFullPath(Path.Combine(Root, "..", "shared", "vectors"));

    /// <summary>A file under <see cref="Vectors"/>, failing with the path it looked for when it is missing.</summary>
    public static string Vector(string relativePath)
    {
        var path = Path.Combine(Vectors, relativePath);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"Test vector {relativePath} not found at {path} (expected ../shared/vectors beside the checkout).", path);
    }

    /// <summary>A JSON file under <see cref="Vectors"/>, parsed (its root element, detached from the document).</summary>
    public static JsonElement VectorJson(string relativePath)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Vector(relativePath)));
        return document.RootElement.Clone();
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "processor.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No processor.sln above {AppContext.BaseDirectory}.");
    }
}
