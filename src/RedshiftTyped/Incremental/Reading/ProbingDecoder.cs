using System.Text.Json;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Typed;
using RedshiftTyped.Values;

namespace RedshiftTyped.Incremental.Reading;

/// <summary>A row read, with the values of the columns a change read needs of it (the cursor, then the key columns).</summary>
internal readonly record struct Probed<TRow>(TRow Row, object?[] Probe);

/// <summary>
/// Decodes a record with the generated decoder and, from the same Fields, the cursor and key columns as
/// <see cref="RedshiftValueDecoder"/> decodes them, without reflection: a copy of the record scanner walks the record's Fields a
/// second time (the scanner is a struct over the page's bytes, so the copy reads the same bytes), or the CSV fields are
/// read by position.
/// </summary>
internal sealed class ProbingDecoder<TRecord>(IRowDecoder<TRecord> inner, IReadOnlyList<ColumnDescriptor> probes) : IRowDecoder<Probed<TRecord>>
{
    private static readonly FieldJsonConverter Fields = new();

    // The converter reads a Field by hand and never looks at options.
    private static readonly JsonSerializerOptions NoOptions = new();

    private readonly int _lastPosition = probes.Max(p => p.Position);

    public Probed<TRecord> DecodeJson(ref JsonRecordScanner scanner)
    {
        var walker = scanner;
        var record = inner.DecodeJson(ref scanner);
        var values = new object?[probes.Count];
        walker.TryBeginRecord();
        for (int position = 0; position <= _lastPosition; position++)
        {
            int wanted = IndexOf(position);
            var bytes = walker.NextField(probes[wanted < 0 ? 0 : wanted]);
            if (wanted < 0)
            {
                continue;
            }

            var reader = new Utf8JsonReader(bytes);
            reader.Read();
            var field = Fields.Read(ref reader, typeof(Field), NoOptions);
            var column = probes[wanted];
            values[wanted] = RedshiftValueDecoder.Decode(field, column.Type, column.Precision ?? 0, column.Name);
            for (int again = wanted + 1; again < probes.Count; again++)
            {
                // A column both cursor and key is probed once per role.
                if (probes[again].Position == position)
                {
                    values[again] = values[wanted];
                }
            }
        }

        return new Probed<TRecord>(record, values);
    }

    public Probed<TRecord> DecodeCsv(string?[] fields)
    {
        var record = inner.DecodeCsv(fields);
        var values = new object?[probes.Count];
        for (int i = 0; i < probes.Count; i++)
        {
            var column = probes[i];
            values[i] = fields[column.Position] is { } text ? RedshiftValueDecoder.FromText(text, column.Type, column.Precision ?? 0, column.Name) : null;
        }

        return new Probed<TRecord>(record, values);
    }

    private int IndexOf(int position)
    {
        for (int i = 0; i < probes.Count; i++)
        {
            if (probes[i].Position == position)
            {
                return i;
            }
        }

        return -1;
    }
}
