using Microsoft.Extensions.Logging.Abstractions;
using RedshiftTyped.Local.Dialect.Functions;
using RedshiftTyped.Local.Dialect.Syntax;
using RedshiftTyped.Local.Dialect;
using RedshiftTyped.Local.Engine;
using RedshiftTyped.Local.Statements;

namespace RedshiftTyped.Local.Tests;

/// <summary>
/// Redshift SQL → DuckDB SQL and PostgreSQL SQL, one line per behaviour (the dialect layer's translation table), and
/// the result columns the layer plans. Runs without an engine; the integration tests run the same SQL for real.
/// </summary>
public sealed class DialectTranslationTests
{
    private static readonly LocalCatalog Catalog = CreateCatalog();

    private static LocalCatalog CreateCatalog()
    {
        var catalog = new LocalCatalog();
        catalog.Register(new CatalogTable("public", "t",
        [
            new CatalogColumn("i", new RsTypeInfo(RsType.Int4), false, null, null),
            new CatalogColumn("s", new RsTypeInfo(RsType.Int2), true, null, null),
            new CatalogColumn("d", new RsTypeInfo(RsType.Date), true, null, null),
            new CatalogColumn("p", new RsTypeInfo(RsType.Numeric, Precision: 8, Scale: 2), true, null, null),
            new CatalogColumn("c", new RsTypeInfo(RsType.Bpchar, Length: 10), true, null, null),
            new CatalogColumn("j", new RsTypeInfo(RsType.Super), true, null, null),
        ], null, null, [], null));
        return catalog;
    }

    private static RedshiftDialect Dialect(EngineKind engine) => new(engine,
        engine == EngineKind.DuckDb ? new DuckDbBackend(":memory:").EngineType : new PostgresBackend("Host=unused").EngineType,
        Catalog, NullLogger.Instance);

    public static TheoryData<string, string, string> Translations => new()
    {
        // Identifiers: folded and quoted; a function name inside a string stays text; TOP is LIMIT.
        { "select top 3 I from T", "SELECT \"i\" FROM \"t\" LIMIT 3", "SELECT \"i\" FROM \"t\" LIMIT 3" },
        { "select \"MixedCase\" from \"T\"", "SELECT \"mixedcase\" FROM \"t\"", "SELECT \"mixedcase\" FROM \"t\"" },
        { "select 'dateadd(day, 1, x)', 'it''s'", "SELECT 'dateadd(day, 1, x)', 'it''s'", "SELECT 'dateadd(day, 1, x)', 'it''s'" },
        { "select 'a\\\\b'", "SELECT 'a\\b'", "SELECT 'a\\b'" },
        // Integer division, DECIMAL division at Redshift's scale.
        { "select i / 2 from t", "SELECT (\"i\" // 2) FROM \"t\"", "SELECT (\"i\" / 2) FROM \"t\"" },
        { "select p / 3 from t", "SELECT CAST((\"p\" / 3) AS DECIMAL(19,13)) FROM \"t\"", "SELECT CAST((\"p\" / 3) AS numeric(19,13)) FROM \"t\"" },
        // Conditional expressions.
        { "select nvl(i, 0) from t", "SELECT coalesce(\"i\", 0) FROM \"t\"", "SELECT coalesce(\"i\", 0) FROM \"t\"" },
        { "select nvl2(i, 1, 2) from t", "SELECT CASE WHEN \"i\" IS NOT NULL THEN 1 ELSE 2 END FROM \"t\"", "SELECT CASE WHEN \"i\" IS NOT NULL THEN 1 ELSE 2 END FROM \"t\"" },
        { "select decode(i, 1, 'a', 'b') from t", "SELECT CASE WHEN \"i\" IS NOT DISTINCT FROM 1 THEN 'a' ELSE 'b' END FROM \"t\"", "SELECT CASE WHEN \"i\" IS NOT DISTINCT FROM 1 THEN 'a' ELSE 'b' END FROM \"t\"" },
        // Aggregates at Redshift's result types.
        { "select avg(i) from t", "SELECT CAST(trunc(avg(\"i\")) AS BIGINT) FROM \"t\"", "SELECT CAST(trunc(avg(\"i\")) AS BIGINT) FROM \"t\"" },
        { "select sum(s) from t", "SELECT CAST(sum(\"s\") AS BIGINT) FROM \"t\"", "SELECT CAST(sum(\"s\") AS BIGINT) FROM \"t\"" },
        { "select sum(p) from t", "SELECT CAST(sum(\"p\") AS DECIMAL(38,2)) FROM \"t\"", "SELECT CAST(sum(\"p\") AS numeric(38,2)) FROM \"t\"" },
        { "select count(distinct i) from t", "SELECT count(DISTINCT \"i\") FROM \"t\"", "SELECT count(DISTINCT \"i\") FROM \"t\"" },
        // Date parts: keyword or string, any abbreviation.
        { "select date_trunc('qtr', d) from t", "SELECT CAST(date_trunc('quarter', CAST(\"d\" AS TIMESTAMP)) AS TIMESTAMP) FROM \"t\"", "SELECT CAST(date_trunc('quarter', CAST(\"d\" AS TIMESTAMP)) AS TIMESTAMP) FROM \"t\"" },
        { "select dateadd(d, 1, d) from t", "SELECT CAST((CAST(\"d\" AS TIMESTAMP) + to_days(CAST(CAST(1 AS BIGINT) AS INTEGER))) AS TIMESTAMP) FROM \"t\"", "SELECT CAST((CAST(\"d\" AS TIMESTAMP) + (CAST(1 AS BIGINT) * INTERVAL '1 day')) AS TIMESTAMP) FROM \"t\"" },
        // Non-ISO literals read as Redshift reads them.
        { "select date '8/2/2003', timestamp 'Jun 1,2008 10:00 PM'", "SELECT DATE '2003-08-02', TIMESTAMP '2008-06-01 22:00:00'", "SELECT DATE '2003-08-02', TIMESTAMP '2008-06-01 22:00:00'" },
        { "select date '0044-03-15 BC', timestamp '0044-03-15 10:00:00 bc'", "SELECT DATE '0044-03-15 (BC)', TIMESTAMP '0044-03-15 (BC) 10:00:00'", "SELECT DATE '0044-03-15 BC', TIMESTAMP '0044-03-15 10:00:00 BC'" },
        // Text a date column cannot read is stored through the storage rules, which fail it with Redshift's message.
        { "insert into t (d) values ('8/2/2003'), ('garbage')", "INSERT INTO \"t\"(\"d\") VALUES (DATE '2003-08-02'), (public.rs_date('garbage'))", "INSERT INTO \"t\"(\"d\") VALUES (DATE '2003-08-02'), (DATE 'garbage')" },
        // Parameters: cast to the type their position needs.
        { "select $1 + i from t", "SELECT (CAST($1 AS INTEGER) + \"i\") FROM \"t\"", "SELECT (CAST($1 AS integer) + \"i\") FROM \"t\"" },
        { "select i from t limit $1", "SELECT \"i\" FROM \"t\" LIMIT CAST($1 AS BIGINT)", "SELECT \"i\" FROM \"t\" LIMIT CAST($1 AS bigint)" },
        // SUPER navigation and casts.
        { "select j.a[0].b from t", "SELECT (((\"j\" -> '$.a') -> 0) -> '$.b') FROM \"t\"", "SELECT (((\"j\" -> 'a') -> 0) -> 'b') FROM \"t\"" },
        { "select 1 from t where j.s = 'P'", "SELECT 1 FROM \"t\" WHERE (CASE WHEN json_type((\"j\" -> '$.s')) = 'VARCHAR' THEN json_extract_string((\"j\" -> '$.s'), '$') END = 'P')", "SELECT 1 FROM \"t\" WHERE (CASE WHEN json_typeof((\"j\" -> 's')) = 'string' THEN ((\"j\" -> 's') #>> '{}') END = 'P')" },
        { "select a from t, unpivot t.j as v at a", "SELECT \"a\" FROM \"t\" CROSS JOIN LATERAL (SELECT CAST(u.value AS JSON) AS \"v\", u.key AS \"a\" FROM json_each(CASE WHEN json_type(\"t\".\"j\") = 'OBJECT' THEN \"t\".\"j\" END) AS u) AS \"_unnest1\"", "SELECT \"a\" FROM \"t\" CROSS JOIN LATERAL (SELECT u.value AS \"v\", u.key AS \"a\" FROM json_each(CASE WHEN json_typeof(\"t\".\"j\") = 'object' THEN \"t\".\"j\" END) AS u) AS \"_unnest1\"" },
        { "select 'x'::super", "SELECT public.rs_super(CAST('x' AS VARCHAR))", "SELECT public.rs_super(CAST('x' AS text))" },
        // CHAR comparisons ignore trailing blanks (DuckDB keeps them).
        { "select 1 from t where c = 'a '", "SELECT 1 FROM \"t\" WHERE (rtrim(\"c\") = rtrim('a '))", "SELECT 1 FROM \"t\" WHERE (\"c\" = 'a ')" },
        // Set operations: MINUS is EXCEPT.
        { "select i from t minus select s from t", "SELECT \"i\" FROM \"t\" EXCEPT SELECT \"s\" FROM \"t\"", "SELECT \"i\" FROM \"t\" EXCEPT SELECT \"s\" FROM \"t\"" },
        // ORDER BY spells out Redshift's NULL order (DuckDB's default differs).
        { "select i from t order by i desc", "SELECT \"i\" FROM \"t\" ORDER BY \"i\" DESC NULLS FIRST", "SELECT \"i\" FROM \"t\" ORDER BY \"i\" DESC NULLS FIRST" },
    };

    [Theory]
    [MemberData(nameof(Translations))]
    public void Redshift_sql_is_emitted_for_each_engine(string redshift, string duckdb, string postgres)
    {
        Assert.Equal(duckdb, Dialect(EngineKind.DuckDb).Translate(redshift).Sql);
        Assert.Equal(postgres, Dialect(EngineKind.Postgres).Translate(redshift).Sql);
    }

    [Theory]
    [InlineData("select 3/4", "?column?", "int4", null, null)]
    [InlineData("select avg(i) from t", "avg", "int8", null, null)]
    [InlineData("select sum(p) from t", "sum", "numeric", 38, 2)]
    [InlineData("select avg(p) as \"Average Price\" from t", "average price", "numeric", 38, 2)]
    [InlineData("select 3.14159", "?column?", "numeric", 6, 5)]
    [InlineData("select 'ab'::char(5)", "bpchar", "bpchar", 5, null)]
    [InlineData("select 'x'::varchar(20)", "varchar", "varchar", 20, null)]
    [InlineData("select 1::numeric", "numeric", "numeric", 18, 0)]
    [InlineData("select json_parse('{}')", "json_parse", "super", null, null)]
    [InlineData("select count(*) from t", "count", "int8", null, null)]
    [InlineData("select date_part(dow, d) from t", "pgdate_part", "float8", null, null)]
    [InlineData("select extract(year from d) from t", "date_part", "int4", null, null)]
    [InlineData("select getdate()", "timestamp", "timestamp", null, null)]
    [InlineData("select p * i from t", "?column?", "numeric", 19, 2)]
    [InlineData("select rank() over (order by i) from t", "rank", "int4", null, null)]
    [InlineData("select j.attr from t", "attr", "super", null, null)]
    public void Result_columns_have_redshifts_names_and_types(string sql, string name, string type, int? precision, int? scale)
    {
        var column = Assert.Single(Dialect(EngineKind.Postgres).Translate(sql).Columns!);
        Assert.Equal(name, column.Name);
        Assert.Equal(type, column.Type!.Value.TypeName);
        if (precision is not null) Assert.Equal(precision, column.Type.Value.Precision ?? column.Type.Value.Length);
        if (scale is not null) Assert.Equal(scale, column.Type.Value.Scale);
    }

    [Fact]
    public void Table_columns_keep_their_declared_type_nullability_and_table()
    {
        var columns = Dialect(EngineKind.DuckDb).Translate("select x.*, i as renamed from t as x").Columns!;
        Assert.Equal(["i", "s", "d", "p", "c", "j", "renamed"], columns.Select(c => c.Name));
        Assert.All(columns, c => Assert.Equal(("public", "t"), (c.Schema, c.Table)));
        Assert.False(columns[0].Nullable);
        Assert.Equal(new RsTypeInfo(RsType.Bpchar, Length: 10), columns[4].Type);
    }

    [Fact]
    public void Statements_the_parser_does_not_take_pass_through_with_quoted_identifiers_folded()
    {
        var translation = Dialect(EngineKind.Postgres).Translate("create table \"Odd\" (\"Col\" integer encode az64)");
        Assert.False(translation.Translated);
        Assert.Null(translation.Columns);
        Assert.Equal("create table \"odd\" (\"col\" integer encode az64)", translation.Sql);
    }

    [Fact]
    public void Features_that_cannot_be_emulated_are_refused_with_redshifts_error_text()
    {
        var refused = Assert.Throws<EngineFailure>(() => Dialect(EngineKind.DuckDb).Translate("select st_area(g) from t"));
        Assert.Equal("ERROR: The spatial function ST_AREA is not supported by the local server", refused.Message);
        var orders = Assert.Throws<EngineFailure>(() => Dialect(EngineKind.DuckDb).Translate(
            "select listagg(i) within group (order by d), listagg(d) within group (order by i) from t"));
        Assert.Equal("ERROR: within group ORDER BY clauses for aggregate functions must be the same", orders.Message);
        Assert.True(Dialect(EngineKind.DuckDb).Translate("select listagg(i) within group (order by d), listagg(s) within group (order by d) from t").Translated);
        var part = Assert.Throws<EngineFailure>(() => Dialect(EngineKind.Postgres).Translate("select dateadd(fortnight, 1, d) from t"));
        Assert.Contains("fortnight", part.Message, StringComparison.Ordinal);
        // limitations-super.md: numeric does not cast to boolean (DuckDB would); SIZE is Redshift's internal SUPER encoding.
        Assert.Equal("ERROR: cannot cast type numeric to boolean", Assert.Throws<EngineFailure>(() => Dialect(EngineKind.DuckDb).Translate("select p::bool from t")).Message);
        Assert.Contains("SIZE", Assert.Throws<EngineFailure>(() => Dialect(EngineKind.Postgres).Translate("select size(j) from t")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_function_row_names_its_guide_page_and_every_name_is_lower_case()
    {
        Assert.All(FunctionTable.Rows, row =>
        {
            Assert.False(string.IsNullOrEmpty(row.Page), row.Name);
            Assert.All(row.AllNames, name => Assert.Equal(name.ToLowerInvariant(), name));
        });
    }

    [Theory]
    [InlineData("8/2/2003", "Date", "2003-08-02")]
    [InlineData("Jun 1,2008", "Date", "2008-06-01")]
    [InlineData("20081231", "Date", "2008-12-31")]
    [InlineData("01/02/00", "Date", "2000-01-02")]
    [InlineData("31-Jan-2000", "Date", "2000-01-31")]
    [InlineData("2008.366", "Date", "2008-12-31")]
    [InlineData("20080305 12:25:29", "Timestamp", "2008-03-05 12:25:29")]
    [InlineData("1.12.1997 07:37:16.00 PST", "TimestampTz", "1997-01-12 07:37:16.00-08")]
    [InlineData("20:00:00 PST", "TimeTz", "20:00:00-08")]
    [InlineData("04:05 PM", "Time", "16:05:00")]
    public void Date_and_time_literals_in_redshifts_forms_become_iso(string text, string type, string iso)
        => Assert.Equal(iso, Local.Dialect.Emit.DateTimeLiterals.Normalize(text, Enum.Parse<RsType>(type)));

    [Fact]
    public void The_parser_takes_the_guides_query_forms()
    {
        string[] statements =
        [
            "select * from (select 1 as a) pivot (count(*) for a in (1 as one, 2))",
            "select * from t unpivot include nulls (v for k in (i, s))",
            "select e, i from t as x, x.j.arr as e at i",
            "select listagg(distinct c, ',') within group (order by i) over (partition by s) from t",
            "select approximate count(distinct i) from t",
            "with recursive r(n) as (select 1 union all select n + 1 from r where n < 3) select n from r",
            "select i from t where exists (select 1 from t as u where u.i = t.i) and i in (select s from t) and i > all (select s from t)",
            "select trim(leading 'x' from c), substring(c from 2 for 3), position('a' in c), extract(epoch from d) from t",
            "select i from t where d between '2008-01-01' and '2008-12-31' and c like 'a%' escape '!' and c similar to 'b%' and i is not null",
            "select id from emp start with id = 1 connect by prior id = manager",
            "insert into t (i, d) values (1, '8/2/2003'), (2, default)",
            "update t set i = i + 1, d = '2008-01-01' from t as u where t.i = u.i",
            "delete from t using t as u where t.i = u.i",
            "merge into t using t as s on t.i = s.i when matched then update set i = s.i when not matched then insert (i) values (s.i)",
            "create table n as select i from t",
            "create view v as select i from t",
            "select i into temp n from t",
        ];
        Assert.All(statements, sql => Assert.IsAssignableFrom<Statement>(Parser.Parse(sql)));
    }
}
