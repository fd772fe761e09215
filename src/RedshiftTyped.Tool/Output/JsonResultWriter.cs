using System.Data.SqlTypes;
using System.Text.Encodings.Web;
using System.Text.Json;
using RedshiftTyped.DataApi.Model;

namespace RedshiftTyped.Tool.Output;

/// <summary>
/// A JSON array of row objects keyed by column name; numbers stay numbers (numerics exactly), NULL is null. Keys are
/// unique: a repeated name (<c>select 1, 2</c> gives two <c>?column?</c>) gets <c>_2</c>, <c>_3</c>, … so that no parser
/// keeps only the last of two equal keys. Non-ASCII text is written as is.
/// </summary>
internal sealed class JsonResultWriter(TextWriter output) : ResultWriter
{
    private readonly MemoryStream _buffer = new();
    private Utf8JsonWriter? _json;
    private string[] _names = [];

    public override void Begin(IReadOnlyList<ColumnMetadata> columns)
    {
        _names = UniqueNames(columns.Select(ColumnName));
        // A terminal or a file, not an HTML page: é stays é (the default encoder writes \u00E9, and ' as \u0027).
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        _json.WriteStartArray();
    }

    public override void WriteRow(object?[] row)
    {
        var json = _json!;
        json.WriteStartObject();
        for (int i = 0; i < row.Length; i++)
        {
            json.WritePropertyName(_names[i]);
            switch (row[i])
            {
                case null: json.WriteNullValue(); break;
                case bool b: json.WriteBooleanValue(b); break;
                case short or int or long or decimal: json.WriteRawValue(Text(row[i])!, skipInputValidation: true); break;
                case SqlDecimal sd: json.WriteRawValue(sd.ToString(), skipInputValidation: true); break;
                case float f when float.IsFinite(f): json.WriteNumberValue(f); break;
                case double d when double.IsFinite(d): json.WriteNumberValue(d); break;
                default: json.WriteStringValue(Text(row[i])); break;
            }
        }

        json.WriteEndObject();
        Flush();
    }

    public override void End(long rows, bool hadResultSet)
    {
        if (_json is null)
        {
            output.WriteLine(hadResultSet ? "[]" : $"{{\"rowsAffected\":{rows}}}");
            return;
        }

        _json.WriteEndArray();
        Flush();
        output.WriteLine();
        output.Flush();
    }

    /// <summary>The names in order, each later repeat suffixed <c>_2</c>, <c>_3</c>, … (skipping names the result already has).</summary>
    private static string[] UniqueNames(IEnumerable<string> names)
    {
        var all = names.ToArray();
        var taken = new HashSet<string>(all, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < all.Length; i++)
        {
            if (seen.Add(all[i])) continue;
            int n = 2;
            string candidate;
            do candidate = $"{all[i]}_{n++}"; while (!taken.Add(candidate));
            all[i] = candidate;
            seen.Add(candidate);
        }

        return all;
    }

    /// <summary>Hands what the writer has so far to the output, so rows stream rather than collect.</summary>
    private void Flush()
    {
        _json!.Flush();
        if (_buffer.Length > 0)
        {
            output.Write(System.Text.Encoding.UTF8.GetString(_buffer.GetBuffer(), 0, (int)_buffer.Length));
            _buffer.SetLength(0);
        }
    }
}
