namespace Processor.Ctl;

/// <summary>Where a decode command reads its input from: a file, or standard input for <c>-</c>.</summary>
internal static class CommandInput
{
    /// <summary>The text of <paramref name="file"/>, or of <paramref name="standardInput"/> when it is <c>-</c>.</summary>
    /// <exception cref="CtlException">The file cannot be read.</exception>
    public static async Task<string> ReadFileAsync(string file, Func<TextReader> standardInput, CancellationToken cancellationToken)
    {
        if (file == "-")
        {
            return await standardInput().ReadToEndAsync(cancellationToken);
        }

        try
        {
            return await File.ReadAllTextAsync(file, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CtlException($"Cannot read {file}: {ex.Message}", ex);
        }
    }
}
