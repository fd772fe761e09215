using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Tool.Capture;
using RedshiftTyped.Tool.Snapshots;

namespace RedshiftTyped.Tests.Capture;

public sealed class SnapshotFormatTests
{
    public static TheoryData<string, int, int, int, string, string> EveryType() => new()
    {
        { "int2", 0, 5, 0, "smallint", "int2" },
        { "int4", 0, 10, 0, "integer", "int4" },
        { "int8", 0, 19, 0, "bigint", "int8" },
        { "float4", 0, 8, 8, "real", "float4" },
        { "float8", 0, 17, 17, "double precision", "float8" },
        { "numeric", 0, 38, 10, "numeric(38,10)", "numeric" },
        { "bool", 0, 1, 0, "boolean", "bool" },
        { "bpchar", 2, 0, 0, "character(2)", "char" },
        { "varchar", 65535, 0, 0, "character varying(65535)", "varchar" },
        { "character varying", 256, 0, 0, "character varying(256)", "varchar" },
        { "date", 0, 13, 0, "date", "date" },
        { "time", 0, 15, 6, "time without time zone", "time" },
        { "timetz", 0, 21, 6, "time with time zone", "timetz" },
        { "timestamp", 0, 29, 6, "timestamp without time zone", "timestamp" },
        { "timestamptz", 0, 35, 6, "timestamp with time zone", "timestamptz" },
        { "intervaly2m", 0, 0, 0, "interval year to month", "intervaly2m" },
        { "intervald2s", 0, 0, 0, "interval day to second", "intervald2s" },
        { "varbyte", 64000, 0, 0, "varbyte(64000)", "varbyte" },
        { "super", 0, 0, 0, "super", "super" },
        { "geometry", 0, 0, 0, "geometry", "geometry" },
        { "geography", 0, 0, 0, "geography", "geography" },
        { "hllsketch", 0, 0, 0, "hllsketch", "hllsketch" },
        { "mystery_type", 0, 0, 0, "mystery_type", "mystery_type" },
    };

    [Theory]
    [MemberData(nameof(EveryType))]
    public void Every_Redshift_type_round_trips_through_the_format(string typeName, int length, int precision, int scale, string declared, string normalised)
    {
        var column = CatalogReader.ColumnFromMetadata(
            new ColumnMetadata { Name = "c", TypeName = typeName, Length = length, Precision = precision, Scale = scale, Nullable = 1 }, 1, "a comment");
        Assert.Equal(declared, column.Type);
        Assert.Equal(normalised, column.TypeName);

        var table = new TableSnapshot { Database = "dev", Schema = "public", Name = "t", Kind = "table", Columns = [column] };
        string text = SnapshotJson.Write(table);
        var read = SnapshotJson.Read(text, "t.json");

        Assert.Equal(table, read);
        Assert.Equal(text, SnapshotJson.Write(read));
    }

    [Fact]
    public void The_format_has_a_fixed_member_order()
    {
        var table = new TableSnapshot { Database = "dev", Schema = "public", Name = "t", Kind = "view", Columns =
            [new ColumnSnapshot { Name = "c", Ordinal = 1, Type = "integer", TypeName = "int4", Nullable = true }] };

        Assert.Equal("""
            {
              "formatVersion": 1,
              "database": "dev",
              "schema": "public",
              "name": "t",
              "kind": "view",
              "comment": null,
              "distStyle": null,
              "distKey": null,
              "sortKeys": [],
              "primaryKey": [],
              "recordName": null,
              "columns": [
                {
                  "name": "c",
                  "ordinal": 1,
                  "type": "integer",
                  "typeName": "int4",
                  "length": null,
                  "precision": null,
                  "scale": null,
                  "nullable": true,
                  "default": null,
                  "comment": null
                }
              ]
            }

            """.ReplaceLineEndings("\n"), SnapshotJson.Write(table));
    }

    [Theory]
    [InlineData("{\"formatVersion\":2,\"database\":\"d\",\"schema\":\"s\",\"name\":\"t\",\"kind\":\"table\",\"columns\":[]}", "formatVersion 2 is not supported")]
    [InlineData("{\"formatVersion\":1,\"schema\":\"s\",\"name\":\"t\",\"kind\":\"table\",\"columns\":[]}", "required member \"database\" is missing")]
    [InlineData("{\"formatVersion\":1,\"database\":\"d\",\"schema\":\"s\",\"name\":\"t\",\"kind\":\"table\",\"columns\":[{\"name\":\"c\",\"ordinal\":\"one\",\"type\":\"integer\",\"typeName\":\"int4\",\"nullable\":true}]}", "x.json(1,97): $.columns[0].ordinal: \"ordinal\" has the wrong type")]
    [InlineData("{\"formatVersion\":1,\"database\":\"d\",\"schema\":\"s\",\"name\":\"t\",\"kind\":\"table\",\"columns\":[{\"name\":\"c\",\"ordinal\":1,\"type\":\"integer\",\"typeName\":\"int4\",\"nullable\":true,\"override\":\"string\"}]}", "$.columns[0].override: an override must be an object")]
    [InlineData("[1,2]", "must be a JSON object")]
    public void Malformed_snapshots_fail_with_a_message_that_names_the_problem(string json, string expected)
    {
        var ex = Assert.Throws<SnapshotFormatException>(() => SnapshotJson.Read(json, "x.json"));
        Assert.Contains(expected, ex.Message);
        Assert.Matches(@"^x\.json\(\d+,\d+\): \$", ex.Message);
    }

    private const string Valid = """
        {
          "formatVersion": 1,
          "database": "d",
          "schema": "s",
          "name": "t",
          "kind": "table",
          "columns": [
            {"name": "a", "ordinal": 1, "type": "integer", "typeName": "int4", "nullable": true},
            {"name": "b", "ordinal": 2, "type": "integer", "typeName": "int4", "nullable": true}
          ]
        }
        """;

    [Theory]
    // A repeated member, at the top and inside a column: which one counts is undefined, so neither is taken.
    [InlineData("\"schema\": \"s\",", "\"schema\": \"s\",\n  \"schema\": \"other\",", "x.json(5,3): $.schema: the member is given twice in one object (first on line 4)")]
    [InlineData("\"ordinal\": 2,", "\"ordinal\": 2, \"ordinal\": 3,", "x.json(9,33): $.columns[1].ordinal: the member is given twice in one object (first on line 9)")]
    // A column named twice: "An item with the same key has already been added" in check, before.
    [InlineData("{\"name\": \"b\"", "{\"name\": \"a\"", "x.json(9,6): $.columns[1].name: the column \"a\" is listed twice (also $.columns[0], line 8)")]
    [InlineData("\"nullable\": true}\n  ]", "\"nullable\": \"yes\"}\n  ]", "x.json(9,72): $.columns[1].nullable: \"nullable\" has the wrong type (String); expected Boolean.")]
    [InlineData("\"kind\": \"table\",\n", "", "x.json(1,1): $: the required member \"kind\" is missing.")]
    public void Every_reading_error_names_the_file_the_line_and_the_member(string find, string replace, string expected)
    {
        string json = Valid.ReplaceLineEndings("\n").Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(Valid.ReplaceLineEndings("\n"), json);

        var ex = Assert.Throws<SnapshotFormatException>(() => SnapshotJson.Read(json, "x.json"));

        Assert.StartsWith(expected, ex.Message);
    }

    [Fact]
    public void Two_files_holding_the_same_table_stop_reading_and_name_both()
    {
        string root = Directory.CreateTempSubdirectory("rt-two-files-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "d", "s"));
            File.WriteAllText(Path.Combine(root, "d", "s", "t.json"), Valid);
            File.WriteAllText(Path.Combine(root, "d", "s", "copy.json"), Valid);

            var ex = Assert.Throws<SnapshotFormatException>(() => new SnapshotStore(root).ReadAll());

            Assert.Contains("copy.json", ex.Message);
            Assert.Contains("t.json", ex.Message);
            Assert.Contains("keep one file per table", ex.Message);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Theory]
    [InlineData("sales", "sales")]
    [InlineData("Sales", "%53ales")]
    [InlineData("..", "%2E%2E")]
    [InlineData("a/b", "a%2Fb")]
    [InlineData("ü", "%C3%BC")]
    [InlineData("", "%")]
    public void File_names_are_portable_and_injective(string name, string encoded) => Assert.Equal(encoded, SnapshotLayout.Encode(name));
}
