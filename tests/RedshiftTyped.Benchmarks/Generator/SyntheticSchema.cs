using System.Globalization;
using System.Text;

namespace RedshiftTyped.Benchmarks.Generator;

/// <summary>A large schema for generator benchmarks: N tables of M columns cycling through every Redshift type.</summary>
internal static class SyntheticSchema
{
    private static readonly (string Declared, string TypeName, int? Precision, int? Scale)[] Types =
    [
        ("integer", "int4", 32, 0), ("bigint", "int8", 64, 0), ("smallint", "int2", 16, 0), ("numeric(18,2)", "numeric", 18, 2),
        ("character varying(256)", "varchar", null, null), ("character(8)", "char", null, null), ("boolean", "bool", null, null),
        ("date", "date", null, null), ("timestamp without time zone", "timestamp", null, null),
        ("timestamp with time zone", "timestamptz", null, null), ("double precision", "float8", 53, null), ("real", "float4", 24, null),
        ("time without time zone", "time", null, null), ("time with time zone", "timetz", null, null),
        ("interval day to second", "intervald2s", null, null), ("varbyte(64)", "varbyte", null, null), ("super", "super", null, null),
        ("geometry", "geometry", null, null), ("hllsketch", "hllsketch", null, null), ("interval year to month", "intervaly2m", null, null),
    ];

    public static List<(string Path, string Text)> Create(int tables, int columns)
    {
        var files = new List<(string, string)>(tables);
        for (int t = 0; t < tables; t++)
        {
            files.Add(($"/repo/schema-snapshots/bench/schema_{t % 10}/table_{t}.json", Table(t, columns, variant: 0)));
        }

        return files;
    }

    /// <summary>The same table with one column renamed by <paramref name="variant"/>: a one-table edit.</summary>
    public static string Table(int index, int columns, int variant)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $$"""
            {
              "formatVersion": 1,
              "database": "bench",
              "schema": "schema_{{index % 10}}",
              "name": "table_{{index}}",
              "kind": "table",
              "comment": "Benchmark table {{index}}.",
              "distStyle": "auto",
              "distKey": null,
              "sortKeys": [],
              "primaryKey": ["column_1"],
              "recordName": null,
              "columns": [

            """);
        for (int c = 1; c <= columns; c++)
        {
            var type = Types[(c - 1 + index) % Types.Length];
            string name = c == columns && variant > 0 ? $"edited_{variant}" : $"column_{c}";
            text.Append(CultureInfo.InvariantCulture, $$"""    {"name": "{{name}}", "ordinal": {{c}}, "type": "{{type.Declared}}", "typeName": "{{type.TypeName}}", "length": null, "precision": {{Json(type.Precision)}}, "scale": {{Json(type.Scale)}}, "nullable": {{(c == 1 ? "false" : "true")}}, "default": null, "comment": null}""");
            text.Append(c == columns ? "\n" : ",\n");
        }

        text.Append("  ]\n}\n");
        return text.ToString();
    }

    private static string Json(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "null";
}
