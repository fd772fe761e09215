using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using RedshiftTyped.Benchmarks.Tickit;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.DataApi.Serialization;
using RedshiftTyped.Typed;
using RedshiftTyped.Values;
using Sales = RedshiftTyped.Benchmarks.Tickit.Public.Sales;

namespace RedshiftTyped.Benchmarks.Decoding;

/// <summary>
/// One GetStatementResult page of 1,000 TICKIT sales rows, decoded three ways on the same bytes: a bare tokenizer pass
/// (the floor), the generated decoder, and Field objects mapped by reflection through a dictionary (the connector's way).
/// </summary>
[MemoryDiagnoser]
public class DecodeBenchmarks
{
    private const int Rows = 1000;
    private static readonly PropertyInfo[] SalesProperties = typeof(Sales).GetProperties();
    private byte[] _page = [];

    [GlobalSetup]
    public void Setup()
    {
        var json = new StringBuilder("{\"ColumnMetadata\":[],\"Records\":[");
        for (int i = 0; i < Rows; i++)
        {
            json.Append(i == 0 ? "[" : ",[").Append(CultureInfo.InvariantCulture,
                $"{{\"longValue\":{i}}},{{\"longValue\":{i * 3}}},{{\"longValue\":{i * 7}}},{{\"longValue\":{i * 11}}},{{\"longValue\":{i % 8000}}},")
                .Append(CultureInfo.InvariantCulture, $"{{\"longValue\":{1800 + (i % 365)}}},{{\"longValue\":{1 + (i % 4)}}},")
                .Append(i % 10 == 0 ? "{\"isNull\":true}," : $"{{\"stringValue\":\"{i % 1000}.{i % 100:00}\"}},")
                .Append(CultureInfo.InvariantCulture, $"{{\"stringValue\":\"{i % 150}.15\"}},")
                .Append(CultureInfo.InvariantCulture, $"{{\"stringValue\":\"2008-{1 + (i % 12):00}-{1 + (i % 28):00} {i % 24:00}:{i % 60:00}:{(i * 7) % 60:00}\"}}]");
        }

        _page = Encoding.UTF8.GetBytes(json.Append("],\"TotalNumRows\":").Append(Rows).Append('}').ToString());
        if (GeneratedDecoder() != Rows || FieldObjectsMappedByReflection() != Rows)
        {
            throw new InvalidOperationException("The decoders disagree on the row count.");
        }
    }

    [Benchmark(Baseline = true)]
    public int TokenizerOnly()
    {
        var reader = new Utf8JsonReader(_page);
        int tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }

        return tokens;
    }

    [Benchmark]
    public int GeneratedDecoder() => DataApiRecords.ReadJsonPage(_page, TickitDatabase.Public.Sales.Decoder).Count;

    [Benchmark]
    public int FieldObjectsMappedByReflection()
    {
        var response = JsonSerializer.Deserialize(_page, RedshiftDataJsonContext.Default.GetStatementResultResponse)!;
        var columns = TickitDatabase.Public.Sales.Columns;
        var rows = new List<Sales>(response.Records!.Count);
        foreach (var record in response.Records!)
        {
            var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            for (int i = 0; i < record.Count; i++)
            {
                values[columns[i].Name] = RedshiftValueDecoder.Decode(record[i], columns[i].Type, columns[i].Precision ?? 0, columns[i].Name);
            }

            var row = (Sales)Activator.CreateInstance(typeof(Sales))!;
            foreach (var property in SalesProperties)
            {
                if (values.TryGetValue(property.Name, out object? value))
                {
                    property.SetValue(row, value);
                }
            }

            rows.Add(row);
        }

        return rows.Count;
    }
}
