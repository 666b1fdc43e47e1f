using System.Globalization;
using System.Text;

namespace Processor.Devnet;

/// <summary>One service's line of the status table.</summary>
internal sealed record ServiceStatus(string Service, int Pid, Uri Url, HealthAnswer Live, HealthAnswer Ready, int? ExitCode)
{
    public bool IsReady => ExitCode is null && Ready.IsHealthy;
}

/// <summary>
/// Renders the status table: service, pid, url, live, ready, and the ready report's postgres and kafka checks. Descriptions of
/// checks that are not healthy (and unreachable endpoints) follow the table, one line each.
/// </summary>
internal static class StatusTable
{
    private static readonly string[] Headers = ["SERVICE", "PID", "URL", "LIVE", "READY", "POSTGRES", "KAFKA"];

    public static string Render(IReadOnlyList<ServiceStatus> rows)
    {
        var cells = rows.Select(r => new[]
        {
            r.Service,
            r.Pid.ToString(CultureInfo.InvariantCulture),
            r.Url.GetLeftPart(UriPartial.Authority),
            r.ExitCode is { } code ? $"exited({code.ToString(CultureInfo.InvariantCulture)})" : r.Live.Status ?? "down",
            r.ExitCode is not null ? "-" : r.Ready.Status ?? "down",
            CheckCell(r, "postgres", withDescription: false),
            CheckCell(r, "kafka", withDescription: true),
        }).ToList();

        var widths = Enumerable.Range(0, Headers.Length)
            .Select(i => cells.Select(c => c[i].Length).Append(Headers[i].Length).Max())
            .ToArray();

        var text = new StringBuilder();
        AppendRow(text, Headers, widths);
        foreach (var row in cells)
        {
            AppendRow(text, row, widths);
        }

        foreach (var row in rows)
        {
            foreach (var note in Notes(row))
            {
                text.Append("  ").Append(row.Service).Append(": ").AppendLine(note);
            }
        }

        return text.ToString().TrimEnd('\n');
    }

    private static string CheckCell(ServiceStatus row, string check, bool withDescription)
    {
        if (row.ExitCode is not null)
        {
            return "-";
        }

        var entry = row.Ready.Check(check);
        if (entry is null)
        {
            return "-";
        }

        // A healthy check's description is short ("3 broker(s)"); an unhealthy one's goes under the table.
        return withDescription && entry.Status == "Healthy" && !string.IsNullOrEmpty(entry.Description)
            ? $"{entry.Status} ({entry.Description})"
            : entry.Status;
    }

    private static IEnumerable<string> Notes(ServiceStatus row)
    {
        if (row.ExitCode is { } code)
        {
            yield return $"the process exited with code {code.ToString(CultureInfo.InvariantCulture)} (its output is above)";
            yield break;
        }

        if (row.Ready.Error is { } error)
        {
            yield return $"/health/ready: {error}";
        }
        else if (row.Live.Error is { } liveError)
        {
            yield return $"/health/live: {liveError}";
        }

        foreach (var (name, entry) in row.Ready.Checks.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            if (entry.Status != "Healthy")
            {
                yield return $"{name} is {entry.Status}: {entry.Description ?? "(no description)"}";
            }
        }
    }

    private static void AppendRow(StringBuilder text, string[] cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            line.Append(i == cells.Length - 1 ? cells[i] : cells[i].PadRight(widths[i] + 2));
        }

        text.AppendLine(line.ToString().TrimEnd());
    }
}
