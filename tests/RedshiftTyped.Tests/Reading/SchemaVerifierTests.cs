using Apache.Arrow;
using Apache.Arrow.Types;
using Microsoft.Extensions.Logging.Abstractions;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Reading;
using RedshiftTyped.Typed;

namespace RedshiftTyped.Tests.Reading;

/// <summary>
/// The table check's comparison and when it runs, for the cases the local server cannot produce: columns the snapshot
/// ignores, late-binding views and external tables (DescribeTable lists no columns for them).
/// </summary>
public sealed class SchemaVerifierTests
{
    [Fact]
    public void A_column_the_snapshot_ignores_is_not_new_in_strict_mode_but_a_column_after_the_last_is()
    {
        // Ordinal 2 ("skipped") is marked ignored in the snapshot: the descriptor holds ordinals 1 and 3.
        var table = Table(TableKind.Table, ("a", 1), ("c", 3));

        Assert.Empty(SchemaVerifier.CompareTable(table, Live("a", "skipped", "c"), strict: true));
        var extra = Assert.Single(SchemaVerifier.CompareTable(table, Live("a", "skipped", "c", "d"), strict: true));
        Assert.Equal((SchemaDifferenceKind.ExtraColumn, "d"), (extra.Kind, extra.Column));
        Assert.Empty(SchemaVerifier.CompareTable(table, Live("a", "skipped", "c", "d"), strict: false));
    }

    [Fact]
    public void A_moved_column_is_reported_with_its_old_and_new_place()
    {
        var table = Table(TableKind.Table, ("a", 1), ("b", 2), ("c", 3));

        var differences = SchemaVerifier.CompareTable(table, Live("b", "a", "c"), strict: false);

        Assert.Contains(differences, d => d is { Kind: SchemaDifferenceKind.OrderChanged, Column: "b", Expected: "column 2", Actual: "column 1" });
        Assert.DoesNotContain(differences, d => d.Column == "c");
    }

    [Theory]
    [InlineData(TableKind.LateBindingView, SchemaCheck.Default)]
    [InlineData(TableKind.ExternalTable, SchemaCheck.Strict)]
    [InlineData(TableKind.Table, SchemaCheck.Off)]
    public void No_describe_table_check_where_it_cannot_answer_or_is_off(TableKind kind, SchemaCheck mode)
    {
        // The client is never reached: a check that started would need it.
        var verifier = new SchemaVerifier(null!, request => request, NullLogger.Instance);

        Assert.Null(verifier.StartTableCheck(Table(kind, ("a", 1)), mode, CancellationToken.None));
    }

    private static List<ColumnMetadata> Live(params string[] names)
        => names.Select(n => new ColumnMetadata { Name = n, TypeName = "int4" }).ToList();

    private static TableDescriptor<object> Table(TableKind kind, params (string Name, int Ordinal)[] columns)
        => new("db", "public", "t", kind, null,
            columns.Select((c, i) => new ColumnDescriptor("db.public.t", c.Name, c.Ordinal, i, "integer", "int4", typeof(int), false, null, 32, 0, c.Name.ToUpperInvariant())).ToList(),
            [], string.Join(", ", columns.Select(c => RedshiftIdentifier.Quote(c.Name))), new UnusedDecoder(),
            new Schema(columns.Select(c => new Apache.Arrow.Field(c.Name, Int32Type.Default, false)), null), () => throw new NotSupportedException());

    private sealed class UnusedDecoder : IRowDecoder<object>
    {
        public object DecodeJson(ref JsonRecordScanner scanner) => throw new NotSupportedException();

        public object DecodeCsv(string?[] fields) => throw new NotSupportedException();
    }
}
