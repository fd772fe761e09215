using RedshiftTyped.IntegrationTests.Infrastructure;
using RedshiftTyped.Reading;
using Readings = RedshiftTyped.IntegrationTests.Generated.Dev.Public.Readings;

namespace RedshiftTyped.IntegrationTests.Reading;

/// <summary>
/// The live <c>readings</c> table is changed after the code was compiled from its snapshot; typed reads must say so,
/// naming every difference and the command that would have caught it, on both backends.
/// </summary>
public abstract class SchemaDriftTests(TestBackend backend) : IAsyncLifetime
{
    private TestServer _server = null!;
    private RedshiftClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync(backend);
        _client = _server.Client();
        await ReadingsTable.CreateAsync(_client);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_matching_table_reads_in_every_check_mode()
    {
        foreach (var mode in new[] { SchemaCheck.Default, SchemaCheck.Strict, SchemaCheck.Off })
        {
            Assert.Equal(12, await CountAsync(new SnapshotOptions { SchemaCheck = mode }));
        }
    }

    [Fact]
    public async Task A_dropped_column_is_named_with_the_check_command()
    {
        await _client.ExecuteAsync("alter table public.readings drop column note");

        var error = await Assert.ThrowsAsync<SchemaDriftException>(() => CountAsync(new SnapshotOptions()));

        var difference = Assert.Single(error.Differences);
        Assert.Equal((SchemaDifferenceKind.MissingColumn, "note"), (difference.Kind, difference.Column));
        Assert.Contains("dev.public.readings", error.Message);
        Assert.Contains("column \"note\" (character varying(256)) is missing", error.Message);
        Assert.Contains("redshift-typed check", error.Message);
    }

    [Fact]
    public async Task A_changed_type_and_a_moved_column_are_all_named()
    {
        // Redshift cannot change a column's type in place or reorder columns: both come from dropping and adding back.
        await _client.ExecuteAsync("alter table public.readings drop column reading");
        await _client.ExecuteAsync("alter table public.readings add column reading varchar(20)");
        await _client.ExecuteAsync("alter table public.readings drop column day");
        await _client.ExecuteAsync("alter table public.readings add column day date");

        var error = await Assert.ThrowsAsync<SchemaDriftException>(() => CountAsync(new SnapshotOptions()));

        Assert.Contains(error.Differences, d => d is { Kind: SchemaDifferenceKind.TypeChanged, Column: "reading", Expected: "numeric(12,3)" });
        Assert.Contains(error.Differences, d => d is { Kind: SchemaDifferenceKind.OrderChanged, Column: "day" });
        Assert.Contains("column \"reading\" was numeric(12,3) and is now varchar", error.Message);
    }

    [Fact]
    public async Task After_the_first_read_a_changed_type_is_caught_by_the_result_metadata_alone()
    {
        // The first read checks the whole table with DescribeTable and remembers the match; later reads compare the
        // result's ColumnMetadata, which comes with the first page.
        Assert.Equal(12, await CountAsync(new SnapshotOptions()));
        await _client.ExecuteAsync("alter table public.readings drop column ok");
        await _client.ExecuteAsync("alter table public.readings add column ok varchar(5)");

        var error = await Assert.ThrowsAsync<SchemaDriftException>(() => CountAsync(new SnapshotOptions()));

        var difference = Assert.Single(error.Differences);
        Assert.Equal((SchemaDifferenceKind.TypeChanged, "ok", "boolean"), (difference.Kind, difference.Column, difference.Expected));
    }

    [Fact]
    public async Task A_new_column_is_tolerated_unless_strict()
    {
        await _client.ExecuteAsync("alter table public.readings add column added_later integer");

        Assert.Equal(12, await CountAsync(new SnapshotOptions()));
        var error = await Assert.ThrowsAsync<SchemaDriftException>(() => CountAsync(new SnapshotOptions { SchemaCheck = SchemaCheck.Strict }));
        Assert.Equal((SchemaDifferenceKind.ExtraColumn, "added_later"), (error.Differences[0].Kind, error.Differences[0].Column));
    }

    [Fact]
    public async Task With_the_check_off_a_dropped_column_fails_as_the_statement_does()
    {
        await _client.ExecuteAsync("alter table public.readings drop column note");

        var error = await Assert.ThrowsAsync<RedshiftTyped.Execution.StatementFailedException>(
            () => CountAsync(new SnapshotOptions { SchemaCheck = SchemaCheck.Off }));
        Assert.Contains("note", error.Message);
    }

    private async Task<int> CountAsync(SnapshotOptions options)
    {
        int rows = 0;
        await foreach (var _ in _client.SnapshotAsync(Readings.RedshiftTable.Descriptor, options))
        {
            rows++;
        }

        return rows;
    }
}

public sealed class DuckDbSchemaDriftTests() : SchemaDriftTests(TestBackend.DuckDb);

public sealed class PostgresSchemaDriftTests() : SchemaDriftTests(TestBackend.Postgres);
