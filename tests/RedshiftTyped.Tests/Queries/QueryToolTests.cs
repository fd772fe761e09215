using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Queries.Syntax;
using RedshiftTyped.Tool.Queries;

namespace RedshiftTyped.Tests.Queries;

/// <summary>The tool's side of typed queries: the describe statement, where Redshift's errors point, snapshots and their diff.</summary>
public sealed class QueryToolTests
{
    private const string Sql = "-- Events.\n-- @param year int\nselect eventid,\n       evntname\nfrom event\nwhere year = :year;\n";

    [Fact]
    public void TheDescribeStatementWrapsTheQueryToReturnNoRows()
    {
        Assert.Equal("SELECT * FROM (\nselect eventid,\n       evntname\nfrom event\nwhere year = :year\n) AS rt_query LIMIT 0",
            QueryDescriber.DescribeSql(QuerySource.Parse(Sql)));
    }

    [Theory]
    [InlineData("Binder Error: Referenced column \"evntname\" not found\n\nLINE 3:        evntname\n               ^", 4)]
    [InlineData("ERROR: syntax error at or near \"x\" Position: 40", 4)]
    [InlineData("ERROR: column \"evntname\" does not exist in event", 4)]
    [InlineData("ERROR: permission denied for relation event", 3)]
    public void RedshiftErrorsPointAtTheLineOfTheFile(string error, int line)
        => Assert.Equal(line, QueryDescriber.ErrorLine(QuerySource.Parse(Sql), error));

    [Fact]
    public void ResultColumnsAreTypedFromTheirMetadata()
    {
        var numeric = QueryDescriber.Column(new ColumnMetadata { Name = "revenue", TypeName = "numeric", Precision = 38, Scale = 2, Nullable = 1 }, 1);
        var text = QueryDescriber.Column(new ColumnMetadata { Name = "name", TypeName = "varchar", Precision = 200, Length = 0, Nullable = 0 }, 2);
        var count = QueryDescriber.Column(new ColumnMetadata { Name = "count", TypeName = "int8", Precision = 19, Nullable = 2 }, 3);

        Assert.Equal(("numeric(38,2)", "numeric", 38, 2, true, 1), (numeric.Type, numeric.TypeName, numeric.Precision, numeric.Scale, numeric.Nullable, numeric.ReportedNullable));
        Assert.Equal(("character varying(200)", 200, false, 0), (text.Type, text.Length, text.Nullable, text.ReportedNullable));
        Assert.Equal(("bigint", (int?)null, true, 2), (count.Type, count.Precision, count.Nullable, count.ReportedNullable));
    }

    [Fact]
    public void TheDiffNamesRenamedRemovedAddedRetypedAndMovedColumns()
    {
        var was = Columns(("a", "integer", "int4"), ("b", "bigint", "int8"), ("c", "numeric(38,2)", "numeric"), ("d", "date", "date"), ("e", "integer", "int4"));
        var now = Columns(("a", "integer", "int4"), ("total", "bigint", "int8"), ("e", "integer", "int4"), ("c", "numeric(18,2)", "numeric"), ("f", "date", "date"));

        Assert.Equal(
        [
            "column renamed: b → total (column 2, bigint)",
            "column removed: d date",
            "column added: f date",
            "column type changed: c numeric(38,2) → numeric(18,2)",
            "column order changed: a, c, e → a, e, c",
        ], QueryColumnDiff.Compare(was, now));
    }

    [Fact]
    public void AMissingPrecisionIsNoDifferenceAndCaptureKeepsTheKnownOne()
    {
        var known = Columns(("revenue", "numeric(18,2)", "numeric"));
        var unknown = Columns(("revenue", "numeric", "numeric"));

        Assert.Empty(QueryColumnDiff.Compare(known, unknown));
        var merged = QuerySnapshotStore.Merge(Snapshot(unknown), Snapshot(known));
        Assert.Equal(("numeric(18,2)", 18, 2), (merged.Columns[0].Type, merged.Columns[0].Precision, merged.Columns[0].Scale));
    }

    [Fact]
    public void SnapshotsAreWrittenDeterministicallyAndReadBack()
    {
        var snapshot = Snapshot(Columns(("a", "integer", "int4"))) with
        {
            Comment = "Ünïcödé <comment>",
            Parameters = [new QueryParameterSnapshot("year", "int", false)],
        };
        string text = QuerySnapshotJson.Write(snapshot);

        Assert.Equal(text, QuerySnapshotJson.Write(QuerySnapshotJson.Read(text, "q.json")));
        Assert.Equal(snapshot, QuerySnapshotJson.Read(text, "q.json"));
        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', text);
        Assert.Contains("\"comment\": \"Ünïcödé <comment>\"", text, StringComparison.Ordinal);
        var error = Assert.Throws<RedshiftTyped.Tool.Snapshots.SnapshotFormatException>(() => QuerySnapshotJson.Read(text.Replace("\"kind\": \"query\"", "\"kind\": \"table\"", StringComparison.Ordinal), "q.json"));
        Assert.Matches(@"^q\.json\(\d+,\d+\): \$\.kind: ""kind"" is ""table""", error.Message);
    }

    [Fact]
    public void AQuerySnapshotErrorNamesTheFileLineAndMemberAsATableSnapshotErrorDoes()
    {
        string text = QuerySnapshotJson.Write(new QuerySnapshot
        {
            File = "tickit/q.sql",
            Database = "dev",
            Sha256 = new string('0', 64),
            Columns = [new QueryColumnSnapshot { Name = "n", Ordinal = 1, Type = "int4", TypeName = "integer", Nullable = false, ReportedNullable = 0 }],
        });

        // A member given twice: JSON allows it, but which value counts is anyone's guess.
        var duplicate = Assert.Throws<RedshiftTyped.Tool.Snapshots.SnapshotFormatException>(
            () => QuerySnapshotJson.Read(text.Replace("\"database\": \"dev\",", "\"database\": \"dev\",\n  \"database\": \"prod\",", StringComparison.Ordinal), "q.json"));
        Assert.Matches(@"^q\.json\(\d+,\d+\): \$\.database: the member is given twice", duplicate.Message);

        // A member of the wrong type: the line, the path, what was given and what is expected.
        var wrongType = Assert.Throws<RedshiftTyped.Tool.Snapshots.SnapshotFormatException>(
            () => QuerySnapshotJson.Read(text.Replace("\"nullable\": false", "\"nullable\": \"no\"", StringComparison.Ordinal), "q.json"));
        Assert.Matches(@"^q\.json\(\d+,\d+\): \$\.columns\[0\]\.nullable: ""nullable"" has the wrong type \(String\); expected Boolean", wrongType.Message);
    }

    [Fact]
    public void TheSqlCommandPrintsATimetzValueWithoutADate()
        => Assert.Equal("14:30:45+02:00", RedshiftTyped.Tool.Output.ResultWriter.Text(RedshiftTyped.Values.RedshiftTextParser.ParseTimeTz("14:30:45+02")));

    [Fact]
    public void SnapshotsLiveBesideThePathOfTheirQueryFile()
        => Assert.Equal(Path.Combine("qs", "tickit", "reports", "top.json"), new QuerySnapshotStore("qs").PathFor("tickit/reports/top.sql"));

    private static QuerySnapshot Snapshot(IReadOnlyList<QueryColumnSnapshot> columns)
        => new() { File = "q.sql", Database = "dev", Sha256 = "abc", Columns = columns };

    private static List<QueryColumnSnapshot> Columns(params (string Name, string Type, string TypeName)[] columns)
        => columns.Select((c, i) => new QueryColumnSnapshot
        {
            Name = c.Name,
            Ordinal = i + 1,
            Type = c.Type,
            TypeName = c.TypeName,
            Precision = c.Type.StartsWith("numeric(", StringComparison.Ordinal) ? int.Parse(c.Type[8..c.Type.IndexOf(',')], System.Globalization.CultureInfo.InvariantCulture) : null,
            Scale = c.Type.StartsWith("numeric(", StringComparison.Ordinal) ? 2 : null,
            Nullable = true,
            ReportedNullable = 1,
        }).ToList();
}
