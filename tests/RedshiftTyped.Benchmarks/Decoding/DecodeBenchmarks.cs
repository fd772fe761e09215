using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using RedshiftTyped.Benchmarks.Tickit;
using RedshiftTyped.DataApi.Serialization;
using RedshiftTyped.Typed;
using RedshiftTyped.Values;
using Event = RedshiftTyped.Benchmarks.Tickit.Public.Event;
using Sales = RedshiftTyped.Benchmarks.Tickit.Public.Sales;
using Users = RedshiftTyped.Benchmarks.Tickit.Public.Users;

namespace RedshiftTyped.Benchmarks.Decoding;

/// <summary>
/// One GetStatementResult page of 1,000 TICKIT rows, decoded three ways on the same bytes: a bare tokenizer pass
/// (the floor), the generated decoder, and Field objects mapped by reflection through a dictionary (the connector's
/// way). Three tables, so the figure is not one table's: sales (integers, two numerics, a timestamp), event (four
/// integers, a varchar, a timestamp) and users (an integer, seven strings, ten booleans, some NULL).
/// </summary>
[MemoryDiagnoser]
public class DecodeBenchmarks
{
    public const int Rows = 1000;

    private static readonly PropertyInfo[] SalesProperties = typeof(Sales).GetProperties();
    private static readonly PropertyInfo[] EventProperties = typeof(Event).GetProperties();
    private static readonly PropertyInfo[] UsersProperties = typeof(Users).GetProperties();
    private byte[] _page = [];

    public enum Table
    {
        Sales,
        Event,
        Users,
    }

    [Params(Table.Sales, Table.Event, Table.Users)]
    public Table Page { get; set; }

    /// <summary>The page's bytes (for the quick timing, which reports bytes per row).</summary>
    public int PageBytes => _page.Length;

    [GlobalSetup]
    public void Setup()
    {
        _page = Page switch
        {
            Table.Sales => Build(SalesRecord),
            Table.Event => Build(EventRecord),
            _ => Build(UsersRecord),
        };
        if (TokenizerOnly() == 0 || GeneratedDecoder() != Rows || FieldObjectsMappedByReflection() != Rows)
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
    public int GeneratedDecoder() => Page switch
    {
        Table.Sales => DataApiRecords.ReadJsonPage(_page, TickitDatabase.Public.Sales.Decoder).Count,
        Table.Event => DataApiRecords.ReadJsonPage(_page, TickitDatabase.Public.Event.Decoder).Count,
        _ => DataApiRecords.ReadJsonPage(_page, TickitDatabase.Public.Users.Decoder).Count,
    };

    [Benchmark]
    public int FieldObjectsMappedByReflection() => Page switch
    {
        Table.Sales => MapByReflection(TickitDatabase.Public.Sales, SalesProperties),
        Table.Event => MapByReflection(TickitDatabase.Public.Event, EventProperties),
        _ => MapByReflection(TickitDatabase.Public.Users, UsersProperties),
    };

    /// <summary>
    /// The connector's way: the page deserialized into Field objects (with the source-generated JSON context, which
    /// already makes this baseline faster than a reflection-based deserializer), each value decoded by type into a
    /// dictionary keyed by column name, and the record filled by reflection.
    /// </summary>
    private int MapByReflection<TRecord>(TableDescriptor<TRecord> table, PropertyInfo[] properties)
    {
        var response = JsonSerializer.Deserialize(_page, RedshiftDataJsonContext.Default.GetStatementResultResponse)!;
        var columns = table.Columns;
        var rows = new List<TRecord>(response.Records!.Count);
        foreach (var record in response.Records!)
        {
            var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            for (int i = 0; i < record.Count; i++)
            {
                values[columns[i].Name] = RedshiftValueDecoder.Decode(record[i], columns[i].Type, columns[i].Precision ?? 0, columns[i].Name);
            }

            var row = (TRecord)Activator.CreateInstance(typeof(TRecord))!;
            foreach (var property in properties)
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

    private static byte[] Build(Action<StringBuilder, int> record)
    {
        var json = new StringBuilder("{\"ColumnMetadata\":[],\"Records\":[");
        for (int i = 0; i < Rows; i++)
        {
            json.Append(i == 0 ? "[" : ",[");
            record(json, i);
            json.Append(']');
        }

        return Encoding.UTF8.GetBytes(json.Append("],\"TotalNumRows\":").Append(Rows).Append('}').ToString());
    }

    private static void SalesRecord(StringBuilder json, int i) => json
        .Append(CultureInfo.InvariantCulture,
            $"{{\"longValue\":{i}}},{{\"longValue\":{i * 3}}},{{\"longValue\":{i * 7}}},{{\"longValue\":{i * 11}}},{{\"longValue\":{i % 8000}}},")
        .Append(CultureInfo.InvariantCulture, $"{{\"longValue\":{1800 + (i % 365)}}},{{\"longValue\":{1 + (i % 4)}}},")
        .Append(i % 10 == 0 ? "{\"isNull\":true}," : $"{{\"stringValue\":\"{i % 1000}.{i % 100:00}\"}},")
        .Append(CultureInfo.InvariantCulture, $"{{\"stringValue\":\"{i % 150}.15\"}},")
        .Append(CultureInfo.InvariantCulture, $"{{\"stringValue\":\"2008-{1 + (i % 12):00}-{1 + (i % 28):00} {i % 24:00}:{i % 60:00}:{(i * 7) % 60:00}\"}}");

    private static readonly string[] EventNames = ["Gotterdammerung", "Adriana Lecouvreur", "The Phantom of the Opera", "Linkin Park", "Mamma Mia!", "Jersey Boys"];

    private static void EventRecord(StringBuilder json, int i) => json
        .Append(CultureInfo.InvariantCulture,
            $"{{\"longValue\":{i}}},{{\"longValue\":{i % 309}}},{{\"longValue\":{1 + (i % 11)}}},{{\"longValue\":{1827 + (i % 365)}}},")
        .Append(CultureInfo.InvariantCulture, $"{{\"stringValue\":\"{EventNames[i % EventNames.Length]}\"}},")
        .Append(CultureInfo.InvariantCulture, $"{{\"stringValue\":\"2008-{1 + (i % 12):00}-{1 + (i % 28):00} {i % 24:00}:30:00\"}}");

    private static readonly string[] FirstNames = ["Rafael", "Vladimir", "Lars", "Barry", "Reagan", "Tamekah", "Kadeem"];
    private static readonly string[] LastNames = ["Taylor", "Humphrey", "Ratliff", "Roy", "Hodge", "Juarez", "Blair"];
    private static readonly string[] Cities = ["Kent", "Augusta", "Kingsport", "Omaha", "Forest Lake", "Moreno Valley", "Santa Clarita"];
    private static readonly string[] States = ["WA", "ME", "TN", "NE", "NM", "CA", "UT"];

    private static void UsersRecord(StringBuilder json, int i)
    {
        string first = FirstNames[i % FirstNames.Length];
        string last = LastNames[(i / 7) % LastNames.Length];
        json.Append(CultureInfo.InvariantCulture, $"{{\"longValue\":{i + 1}}},")
            .Append(CultureInfo.InvariantCulture, $"{{\"stringValue\":\"{(char)('A' + (i % 26))}{(char)('A' + (i / 26 % 26))}{i % 1000:000}XYZ\"}},")
            .Append(CultureInfo.InvariantCulture, $"{{\"stringValue\":\"{first}\"}},{{\"stringValue\":\"{last}\"}},")
            .Append(CultureInfo.InvariantCulture, $"{{\"stringValue\":\"{Cities[i % Cities.Length]}\"}},{{\"stringValue\":\"{States[i % States.Length]}\"}},")
            .Append(CultureInfo.InvariantCulture, $"{{\"stringValue\":\"{first}.{last}@Nullamvitae.org\"}},")
            .Append(CultureInfo.InvariantCulture, $"{{\"stringValue\":\"(664) {i % 1000:000}-{i % 10000:0000}\"}}");
        for (int b = 0; b < 10; b++)
        {
            json.Append((i + b) % 3 == 0 ? ",{\"isNull\":true}" : (i + b) % 3 == 1 ? ",{\"booleanValue\":true}" : ",{\"booleanValue\":false}");
        }
    }
}
