using System.Globalization;
using System.Text;
using Npgsql;

namespace Processor.Cluster.Testing;

/// <summary>Where a secret was found in clear: the place (table and column, or process output) and the form it had there.</summary>
public sealed record SecretSighting(string Place, string Secret, string Form);

/// <summary>
/// Searches stored state and process output for secret bytes in every form they could leak in: raw bytes, lower- and
/// upper-case hex, and Base64.
/// </summary>
public sealed class SecretSearch
{
    private readonly IReadOnlyList<(string Name, IReadOnlyList<(string Form, byte[] Bytes)> Forms)> _secrets;

    /// <param name="secrets">Each secret with a name for the report (never its value).</param>
    public SecretSearch(IEnumerable<(string Name, byte[] Secret)> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        _secrets = [.. secrets.Select(s => (s.Name, Forms(s.Secret)))];
        if (_secrets.Count == 0)
        {
            throw new ArgumentException("Nothing to search for: no secrets given.", nameof(secrets));
        }
    }

    /// <summary>Number of secrets searched for.</summary>
    public int Count => _secrets.Count;

    /// <summary>Every sighting in every column of every table of <paramref name="schema"/> (bytea as bytes, anything else as text).</summary>
    public async Task<IReadOnlyList<SecretSighting>> InDatabaseAsync(string connectionString, string schema, CancellationToken cancellationToken)
    {
        var sightings = new List<SecretSighting>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var columns = new List<(string Table, string Column, string Type)>();
        await using (var list = new NpgsqlCommand(
            "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = $1 ORDER BY table_name, ordinal_position",
            connection))
        {
            list.Parameters.Add(new NpgsqlParameter { Value = schema });
            await using var reader = await list.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        foreach (var (table, column, type) in columns)
        {
            // Names come from the catalog; quoted as identifiers. bytea compares as bytes, every other type as its text form.
            var value = type == "bytea" ? $"\"{column}\"" : $"\"{column}\"::text";
#pragma warning disable CA2100
            await using var select = new NpgsqlCommand($"SELECT {value} FROM \"{schema}\".\"{table}\" WHERE \"{column}\" IS NOT NULL", connection);
#pragma warning restore CA2100
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var bytes = type == "bytea" ? (byte[])reader.GetValue(0) : Encoding.UTF8.GetBytes(reader.GetString(0));
                sightings.AddRange(In(bytes, $"{schema}.{table}.{column}"));
            }
        }

        return sightings;
    }

    /// <summary>Every sighting in <paramref name="text"/> (e.g. a process's output), named <paramref name="place"/>.</summary>
    public IReadOnlyList<SecretSighting> InText(string text, string place)
    {
        ArgumentNullException.ThrowIfNull(text);
        return In(Encoding.UTF8.GetBytes(text), place);
    }

    /// <summary>Every sighting in <paramref name="bytes"/> (e.g. a record's value), named <paramref name="place"/>.</summary>
    public IReadOnlyList<SecretSighting> InBytes(ReadOnlySpan<byte> bytes, string place) => In(bytes, place);

    private List<SecretSighting> In(ReadOnlySpan<byte> haystack, string place)
    {
        var sightings = new List<SecretSighting>();
        foreach (var (name, forms) in _secrets)
        {
            foreach (var (form, bytes) in forms)
            {
                if (haystack.IndexOf(bytes) >= 0)
                {
                    sightings.Add(new SecretSighting(place, name, form));
                }
            }
        }

        return sightings;
    }

    private static IReadOnlyList<(string, byte[])> Forms(byte[] secret)
    {
        if (secret.Length < 16)
        {
            // Shorter needles would match by chance in megabytes of logs.
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"A secret of {secret.Length} bytes is too short to search for."));
        }

        return
        [
            ("raw bytes", secret),
            ("hex", Encoding.ASCII.GetBytes(Convert.ToHexStringLower(secret))),
            ("HEX", Encoding.ASCII.GetBytes(Convert.ToHexString(secret))),
            ("base64", Encoding.ASCII.GetBytes(Convert.ToBase64String(secret))),
        ];
    }
}
