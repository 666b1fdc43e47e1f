using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Processor.Cluster.Testing;

/// <summary>
/// An <see cref="ILoggerProvider"/> that keeps every line logged in this process (e.g. by the in-process coordinator simulator),
/// so tests can show them on failure and search them like the child processes' output.
/// </summary>
public sealed class CapturedLog : ILoggerProvider
{
    private readonly StringBuilder _text = new();
    private readonly Lock _lock = new();

    /// <summary>Everything logged so far, one line per entry (exceptions included).</summary>
    public string Text
    {
        get
        {
            lock (_lock)
            {
                return _text.ToString();
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Append(string line)
    {
        lock (_lock)
        {
            _text.AppendLine(line);
        }
    }

    private sealed class Logger(CapturedLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            log.Append(string.Create(CultureInfo.InvariantCulture,
                $"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : " " + exception)}"));
        }
    }
}
