using RedshiftTyped.IntegrationTests.Infrastructure;

namespace RedshiftTyped.IntegrationTests.Catalog;

/// <summary>
/// PRIMARY KEY, UNIQUE and FOREIGN KEY are informational on Redshift ("not enforced by Amazon Redshift when you populate
/// a table … Amazon Redshift does enforce NOT NULL column constraints": t_Defining_constraints.md): on both backends, rows
/// that break them go in, NOT NULL is still refused, and the keys are still in information_schema.table_constraints /
/// key_column_usage, where ALTER TABLE ADD / DROP CONSTRAINT and DROP TABLE change them.
/// </summary>
public abstract class InformationalKeyTests(CatalogServerFixture fixture)
{
    private Task<List<string?[]>> ConstraintsAsync(string table)
        => fixture.RowsAsync("select constraint_name, constraint_type from information_schema.table_constraints " +
                             $"where constraint_schema = 'public' and table_name = '{table}' order by constraint_name");

    private async Task<List<string>> KeyColumnsAsync(string constraint)
        => [.. (await fixture.RowsAsync("select column_name from information_schema.key_column_usage " +
                                        $"where constraint_name = '{constraint}' order by ordinal_position")).Select(r => r[0]!)];

    [Fact]
    public async Task Rows_that_break_primary_unique_and_foreign_keys_go_in()
    {
        await fixture.Client.ExecuteAsync("create table ik_orders(id int primary key, code varchar(10) unique, note varchar(20))");
        await fixture.Client.ExecuteAsync("create table ik_lines(order_id int not null, line int not null references ik_orders(id), " +
                                          "constraint ik_lines_pk primary key (order_id, line), foreign key (order_id) references ik_orders (id))");

        await fixture.Client.ExecuteAsync("insert into ik_orders values (1, 'a', 'first'), (1, 'a', 'again')");
        await fixture.Client.ExecuteAsync("insert into ik_lines values (99, 7), (99, 7)");
        await fixture.Client.ExecuteAsync("truncate ik_orders");
        await fixture.Client.ExecuteAsync("insert into ik_orders values (1, 'a', 'after truncate'), (1, 'a', 'again')");

        Assert.Equal("2", (await fixture.RowsAsync("select count(*) from ik_orders where id = 1")).Single()[0]);
        Assert.Equal("2", (await fixture.RowsAsync("select count(*) from ik_lines where order_id = 99")).Single()[0]);
    }

    [Theory]
    [InlineData("insert into ik_nn values (null, 1)", "id")]
    [InlineData("insert into ik_nn values (1, null)", "qty")]
    [InlineData("insert into ik_nn_composite values (1, null)", "b")]
    public async Task Not_null_is_still_refused_and_primary_key_columns_are_not_null(string sql, string column)
    {
        await fixture.Client.ExecuteAsync("create table if not exists ik_nn(id int primary key, qty int not null)");
        await fixture.Client.ExecuteAsync("create table if not exists ik_nn_composite(a int, b int, primary key (a, b))");

        string error = await fixture.ErrorAsync(sql);

        Assert.Equal($"ERROR: null value in column \"{column}\" violates not-null constraint", error);
    }

    [Fact]
    public async Task Declared_keys_are_in_information_schema_with_postgresql_names()
    {
        await fixture.Client.ExecuteAsync("create table ik_parent(id int primary key, code char(3) unique, region int, unique (region, code))");
        await fixture.Client.ExecuteAsync("create table ik_child(id int, parent_id int constraint ik_child_parent references ik_parent(id), code char(3), " +
                                          "foreign key (code) references ik_parent (code))");

        Assert.Equal(
            [["ik_parent_code_key", "UNIQUE"], ["ik_parent_pkey", "PRIMARY KEY"], ["ik_parent_region_code_key", "UNIQUE"]],
            (await ConstraintsAsync("ik_parent")).Select(r => r.ToArray()));
        Assert.Equal([["ik_child_code_fkey", "FOREIGN KEY"], ["ik_child_parent", "FOREIGN KEY"]], (await ConstraintsAsync("ik_child")).Select(r => r.ToArray()));
        Assert.Equal(["region", "code"], await KeyColumnsAsync("ik_parent_region_code_key"));
        Assert.Equal(["parent_id"], await KeyColumnsAsync("ik_child_parent"));
    }

    [Fact]
    public async Task Alter_table_adds_and_drops_constraints_as_the_guide_does()
    {
        // r_ALTER_TABLE_examples_basic.md: find the constraint's name, then drop it.
        await fixture.Client.ExecuteAsync("create table ik_category(catid smallint not null, catgroup varchar(10), catname varchar(10), primary key(catid))");
        Assert.Equal([["ik_category_pkey", "PRIMARY KEY"]], (await ConstraintsAsync("ik_category")).Select(r => r.ToArray()));

        await fixture.Client.ExecuteAsync("alter table ik_category drop constraint ik_category_pkey");
        Assert.Empty(await ConstraintsAsync("ik_category"));

        await fixture.Client.ExecuteAsync("alter table ik_category add constraint ik_category_key primary key (catid)");
        await fixture.Client.ExecuteAsync("alter table ik_category add unique (catgroup, catname)");
        await fixture.Client.ExecuteAsync("insert into ik_category values (1, 'a', 'b'), (1, 'a', 'b')");

        Assert.Equal(
            [["ik_category_catgroup_catname_key", "UNIQUE"], ["ik_category_key", "PRIMARY KEY"]],
            (await ConstraintsAsync("ik_category")).Select(r => r.ToArray()));
        Assert.Equal(["catgroup", "catname"], await KeyColumnsAsync("ik_category_catgroup_catname_key"));
        Assert.StartsWith("ERROR: multiple primary keys for table \"ik_category\"", await fixture.ErrorAsync("alter table ik_category add primary key (catid)"));

        // r_ALTER_TABLE.md: "You can't add a primary-key constraint to a nullable column."
        await fixture.Client.ExecuteAsync("alter table ik_category drop constraint ik_category_key");
        Assert.StartsWith("ERROR: column \"catname\" of table \"ik_category\" is nullable", await fixture.ErrorAsync("alter table ik_category add primary key (catname)"));
    }

    [Fact]
    public async Task Alter_table_add_constraint_checks_the_table_and_columns()
    {
        await fixture.Client.ExecuteAsync("create table ik_checked(id int not null)");

        Assert.StartsWith("ERROR: relation \"ik_no_such_table\" does not exist", await fixture.ErrorAsync("alter table ik_no_such_table add primary key (id)"));
        Assert.StartsWith("ERROR: column \"nope\" does not exist", await fixture.ErrorAsync("alter table ik_checked add unique (nope)"));
        Assert.StartsWith("ERROR: relation \"ik_no_such_parent\" does not exist",
            await fixture.ErrorAsync("alter table ik_checked add foreign key (id) references ik_no_such_parent (id)"));
        Assert.StartsWith("ERROR: relation \"ik_no_such_parent\" does not exist",
            await fixture.ErrorAsync("create table ik_orphan(id int references ik_no_such_parent(id))"));
        Assert.StartsWith("ERROR: column \"nope\" named in key does not exist", await fixture.ErrorAsync("create table ik_bad_key(id int, primary key (nope))"));
        Assert.Empty(await ConstraintsAsync("ik_checked"));
    }

    [Fact]
    public async Task Drop_table_forgets_its_keys_and_needs_cascade_when_a_foreign_key_references_it()
    {
        await fixture.Client.ExecuteAsync("create table ik_gone(id int primary key)");
        await fixture.Client.ExecuteAsync("drop table ik_gone");
        await fixture.Client.ExecuteAsync("create table ik_gone(id int)");
        Assert.Empty(await ConstraintsAsync("ik_gone"));

        await fixture.Client.ExecuteAsync("create table ik_dim(id int primary key)");
        await fixture.Client.ExecuteAsync("create table ik_fact(dim_id int references ik_dim(id), amount int)");

        // r_DROP_TABLE.md: "cannot drop table feedback because other objects depend on it"; CASCADE drops the foreign key.
        Assert.StartsWith("ERROR: cannot drop table ik_dim because other objects depend on it", await fixture.ErrorAsync("drop table ik_dim"));
        await fixture.Client.ExecuteAsync("drop table ik_dim cascade");

        Assert.Empty(await ConstraintsAsync("ik_fact"));
        await fixture.Client.ExecuteAsync("insert into ik_fact values (1, 2)");
    }

    [Fact]
    public async Task Altered_columns_and_tables_carry_their_keys()
    {
        await fixture.Client.ExecuteAsync("create table ik_alt(id int primary key, code int unique, other int)");
        await fixture.Client.ExecuteAsync("create table ik_alt_ref(alt_code int references ik_alt(code))");

        await fixture.Client.ExecuteAsync("alter table ik_alt rename column id to alt_id");
        Assert.Equal(["alt_id"], await KeyColumnsAsync("ik_alt_pkey"));

        // r_ALTER_TABLE.md: DROP COLUMN is RESTRICT when a primary key, foreign key or UNIQUE depends on the column.
        Assert.StartsWith("ERROR: cannot drop column alt_id of table ik_alt because other objects depend on it", await fixture.ErrorAsync("alter table ik_alt drop column alt_id"));
        Assert.StartsWith("ERROR: cannot drop column code of table ik_alt because other objects depend on it", await fixture.ErrorAsync("alter table ik_alt drop column code"));
        await fixture.Client.ExecuteAsync("alter table ik_alt drop column other");
        await fixture.Client.ExecuteAsync("alter table ik_alt drop column alt_id cascade");
        Assert.Equal([["ik_alt_code_key", "UNIQUE"]], (await ConstraintsAsync("ik_alt")).Select(r => r.ToArray()));

        await fixture.Client.ExecuteAsync("alter table ik_alt rename to ik_alt_renamed");
        Assert.Equal([["ik_alt_code_key", "UNIQUE"]], (await ConstraintsAsync("ik_alt_renamed")).Select(r => r.ToArray()));
        Assert.StartsWith("ERROR: cannot drop table ik_alt_renamed because other objects depend on it", await fixture.ErrorAsync("drop table ik_alt_renamed"));
    }
}

public sealed class DuckDbInformationalKeyTests(DuckDbCatalogServerFixture fixture) : InformationalKeyTests(fixture), IClassFixture<DuckDbCatalogServerFixture>;

public sealed class PostgresInformationalKeyTests(PostgresCatalogServerFixture fixture) : InformationalKeyTests(fixture), IClassFixture<PostgresCatalogServerFixture>;
