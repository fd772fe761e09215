using RedshiftTyped.IntegrationTests.Infrastructure;

namespace RedshiftTyped.IntegrationTests.Errors;

/// <summary>
/// A failed statement reads as Redshift's error on both backends: one line, Redshift's words, nothing of the engine
/// behind the local server (its category prefixes, its "Did you mean" hints naming its own tables, its rewritten SQL).
/// </summary>
public abstract class EngineErrorTests(CatalogServerFixture fixture)
{
    [Theory]
    [InlineData("select * from no_such_table", "ERROR: relation \"no_such_table\" does not exist")]
    [InlineData("select * from no_such_schema.t", "ERROR: relation \"no_such_schema.t\" does not exist")]
    [InlineData("select no_such_column from err_items", "ERROR: column \"no_such_column\" does not exist")]
    [InlineData("select no_such_function(1)", "ERROR: function no_such_function")]
    [InlineData("create table err_items (a int)", "ERROR: Relation \"err_items\" already exists")]
    [InlineData("selec 1", "ERROR: syntax error at or near \"selec\"")]
    [InlineData("insert into err_items (id, name) values (null, 'x')", "ERROR: null value in column \"id\" violates not-null constraint")]
    [InlineData("select 'abc'::int", "ERROR: invalid input syntax for type integer: \"abc\"")]
    [InlineData("select id from err_items, err_other", "ERROR: column reference \"id\" is ambiguous")]
    [InlineData("select 2147483647::int + 1", "ERROR: integer out of range")]
    [InlineData("select cast(40000 as smallint)", "ERROR: smallint out of range")]
    [InlineData("select 99999999999::numeric(5,2)", "ERROR: numeric field overflow")]
    [InlineData("select i.nope from err_items i", "ERROR: column i.nope does not exist")]
    [InlineData("select id from err_items order by 99", "ERROR: ORDER BY position 99 is not in select list")]
    [InlineData("select id, name from err_items order by 1, 7 desc", "ERROR: ORDER BY position 7 is not in select list")]
    [InlineData("insert into err_items values (1, 'a', 3)", "ERROR: INSERT has more expressions than target columns")]
    [InlineData("insert into err_items (id) values (1, 2)", "ERROR: INSERT has more expressions than target columns")]
    [InlineData("insert into err_items (id, name) values (1)", "ERROR: INSERT has more target columns than expressions")]
    [InlineData("select regexp_replace('a', '(', 'x')", "ERROR: invalid regular expression: parentheses () not balanced")]
    [InlineData("select 'a' ~ '('", "ERROR: invalid regular expression: parentheses () not balanced")]
    [InlineData("select 1e400::float8", "ERROR: \"1e400\" is out of range for type double precision")]
    [InlineData("select '1e400'::float8", "ERROR: \"1e400\" is out of range for type double precision")]
    public async Task A_failed_statement_reads_as_redshifts_error(string sql, string expected)
    {
        await fixture.Client.ExecuteAsync("create table if not exists err_items (id int not null, name varchar(10))");
        await fixture.Client.ExecuteAsync("create table if not exists err_other (id int)");

        string error = await fixture.ErrorAsync(sql);

        Assert.StartsWith(expected, error);
        Assert.DoesNotContain('\n', error);
        Assert.DoesNotContain(" Error: ", error);
    }
}

public sealed class DuckDbEngineErrorTests(DuckDbCatalogServerFixture fixture) : EngineErrorTests(fixture), IClassFixture<DuckDbCatalogServerFixture>;

public sealed class PostgresEngineErrorTests(PostgresCatalogServerFixture fixture) : EngineErrorTests(fixture), IClassFixture<PostgresCatalogServerFixture>;
