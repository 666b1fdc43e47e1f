using System.Text;

namespace Processor.Ctl;

/// <summary>A plain-text table with aligned columns; columns whose header starts with '>' are right-aligned.</summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public int Count => _rows.Count;

    public void Add(params object?[] cells) =>
        _rows.Add(cells.Select(c => Convert.ToString(c, System.Globalization.CultureInfo.InvariantCulture) ?? "").ToArray());

    public void WriteTo(TextWriter output, string indent = "")
    {
        var right = headers.Select(h => h.StartsWith('>')).ToArray();
        var header = headers.Select(h => h.TrimStart('>')).ToArray();
        var widths = header.Select((h, i) => _rows.Select(r => i < r.Length ? r[i].Length : 0).Append(h.Length).Max()).ToArray();
        WriteRow(header);
        foreach (var row in _rows)
        {
            WriteRow(row);
        }

        void WriteRow(string[] cells)
        {
            var line = new StringBuilder(indent);
            for (var i = 0; i < widths.Length; i++)
            {
                var cell = i < cells.Length ? cells[i] : "";
                line.Append(right[i] ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]));
                line.Append(i < widths.Length - 1 ? "  " : "");
            }

            output.WriteLine(line.ToString().TrimEnd());
        }
    }
}
