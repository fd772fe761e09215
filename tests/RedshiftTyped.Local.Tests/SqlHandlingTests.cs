using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Local.Engine;
using RedshiftTyped.Local.Protocol;
using RedshiftTyped.Local.Statements;

namespace RedshiftTyped.Local.Tests;

/// <summary>Parameter binding, script splitting and the Redshift DDL translation, without an engine.</summary>
public sealed class SqlHandlingTests
{
    [Fact]
    public void Named_parameters_become_positional_outside_literals_comments_and_casts()
    {
        var bound = ParameterBinder.Bind(
            "select :a, ':a', \":a\", $$ :a $$, x::int, :b, :a -- :a\n/* :b /* nested :b */ */",
            [new SqlParameter("a", "1"), new SqlParameter("b", "two")]);
        Assert.Equal("select $1, ':a', \":a\", $$ :a $$, x::int, $2, $1 -- :a\n/* :b /* nested :b */ */", bound.Sql);
        Assert.Equal(["1", "two"], bound.Values);
    }

    [Fact]
    public void Missing_and_unused_parameters_are_validation_errors()
    {
        var unused = Assert.Throws<ServiceError>(() => ParameterBinder.Bind("select ':id'", [new SqlParameter("id", "1")]));
        Assert.Equal("Parameters list contains unused parameters. Unused parameters: [id]", unused.Message);
        var missing = Assert.Throws<ServiceError>(() => ParameterBinder.Bind("select :a, :b", [new SqlParameter("a", "1")]));
        Assert.Equal("ValidationException", missing.Type);
        Assert.Contains("[b]", missing.Message);
        Assert.Equal("select :a", ParameterBinder.Bind("select :a", null).Sql);
    }

    [Fact]
    public void Scripts_split_at_semicolons_outside_literals()
    {
        var statements = SqlScript.Split("create table a(x varchar(3)); insert into a values (';'); -- done;\n ;");
        Assert.Equal(["create table a(x varchar(3))", "insert into a values (';')"], statements);
    }

    [Theory]
    [InlineData("select 'C:\\'; drop table t", "ERROR: unterminated quoted string at or near \"'C:\\'; drop table t\"")]
    [InlineData("select E'C:\\'", "ERROR: unterminated quoted string at or near \"E'C:\\'\"")]
    [InlineData("select 'abc\\", "ERROR: unterminated quoted string at or near \"'abc\\\"")]
    [InlineData("select 1 /* a; select 2", "ERROR: unterminated /* comment at or near \"/* a; select 2\"")]
    [InlineData("select 1 /* outer /* inner */ still open", "ERROR: unterminated /* comment at or near \"/* outer /* inner */ still open\"")]
    [InlineData("select $x$ abc", "ERROR: unterminated dollar-quoted string at or near \"$x$ abc\"")]
    [InlineData("select \"abc; drop table t", "ERROR: unterminated quoted identifier at or near \"\"abc; drop table t\"")]
    [InlineData("select 'first line\nsecond line", "ERROR: unterminated quoted string at or near \"'first line...\"")]
    public void A_literal_or_comment_left_open_is_found_with_postgresqls_message(string sql, string expected)
    {
        // The messages are PostgreSQL 15's for the same text (psql), with the quoted excerpt cut at its first line.
        SqlLexer.Tokenize(sql, out var open);
        Assert.NotNull(open);
        Assert.Equal(expected, open.Value.Message(sql));
    }

    [Theory]
    [InlineData("select 'it\\'s', 'a''b', \"q\"\"x\", $$ $ $$, $t$ x $t$ /* c /* n */ */ -- tail")]
    [InlineData("select $1, a$b from t")]
    public void Closed_literals_and_comments_are_not_reported_open(string sql)
    {
        var tokens = SqlLexer.Tokenize(sql, out var open);
        Assert.Null(open);
        Assert.Equal(sql, string.Concat(tokens.Select(t => t.Text)));
    }

    [Theory]
    [InlineData("select 1 as café", "café")]
    [InlineData("select é", "é")]
    [InlineData("select 1 as 名前", "名前")]
    [InlineData("select 1 as x\u00A0y", "x\u00A0y")]
    public void Non_ascii_letters_are_identifier_characters_as_in_postgresqls_scanner(string sql, string lastWord)
    {
        // Before, a word starting with a non-ASCII letter never advanced: the lexer looped, adding empty tokens, until the
        // server ran out of memory.
        var tokens = SqlLexer.Tokenize(sql, out var open);
        Assert.Null(open);
        Assert.Equal(sql, string.Concat(tokens.Select(t => t.Text)));
        Assert.Equal(lastWord, tokens[^1].Text);
        Assert.Equal(SqlTokenKind.Word, tokens[^1].Kind);
    }

    [Theory]
    [InlineData("truncate t --x\r; create table pwned(a int)\n", 2)]
    [InlineData("select $é$ $a$ $é$; drop table victim; select $a$ -- $a$", 3)]
    public void Statements_are_split_where_the_engines_split_them(string sql, int statements)
    {
        // A -- comment ends at \r as well as \n, and dollar-quote tags may hold non-ASCII letters (scan.l), so the
        // one-statement check sees every statement the engine would run.
        Assert.Equal(statements, SqlScript.Split(sql).Count);
    }

    [Fact]
    public void Redshift_ddl_loses_physical_design_clauses_and_keeps_them_in_the_catalog()
    {
        var translator = new RedshiftDdlTranslator(t => t.Type switch
        {
            RsType.Super => "JSON",
            RsType.Varbyte => "BLOB",
            RsType.Bpchar or RsType.Varchar => "VARCHAR",
            _ => t.TypeName.ToUpperInvariant(),
        }, booleanDefaultsNeedLiterals: true);
        var translated = translator.Translate(
            "create table if not exists s1.t(id integer not null encode az64 distkey, name char(8) sortkey, doc super, raw varbyte(10), " +
            "flag boolean default('N'), primary key(id)) diststyle key compound sortkey(id, name) backup no");
        Assert.DoesNotContain("encode", translated.Sql, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("distkey", translated.Sql, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("sortkey", translated.Sql, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("backup", translated.Sql, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("JSON", translated.Sql, StringComparison.Ordinal);
        Assert.Contains("BLOB", translated.Sql, StringComparison.Ordinal);
        Assert.Contains("default false", translated.Sql, StringComparison.Ordinal);
        Assert.Contains("primary key(id)", translated.Sql, StringComparison.Ordinal);

        var table = translated.Creates!;
        Assert.Equal(("s1", "t", "KEY", "id"), (table.Schema, table.Name, table.DistStyle, table.DistKey));
        Assert.Equal(["id", "name"], table.SortKey);
        Assert.False(table.Backup);
        Assert.Equal(new RsTypeInfo(RsType.Bpchar, Length: 8), table.Column("name")!.Type);
        Assert.Equal("az64", table.Column("id")!.Encoding);
        Assert.False(table.Column("id")!.Nullable);
        Assert.Equal(RsType.Super, table.Column("doc")!.Type.Type);

        var added = translator.Translate("alter table s1.t add column doc2 super encode zstd");
        Assert.Equal("alter table s1.t add column doc2 JSON", added.Sql.TrimEnd());
        Assert.Equal(("s1", "t", "doc2", RsType.Super), (added.AddsColumn!.Value.Schema, added.AddsColumn.Value.Table, added.AddsColumn.Value.Column.Name, added.AddsColumn.Value.Column.Type.Type));
        // In a statement the dialect layer passes through (a column default, say), Redshift-only types in casts become the
        // engine's; the dialect layer emits the casts of the statements it translates (Storage/StoredValues for SUPER).
        Assert.Equal("select '{}'::JSON, x::int, 'a'::BLOB from t", translator.Translate("select '{}'::super, x::int, 'a'::varbyte from t").Sql);

        var dropped = translator.Translate("drop table if exists a, s1.t");
        Assert.Equal([("public", "a"), ("s1", "t")], dropped.Drops);
        Assert.Equal("select 1", translator.Translate("select 1").Sql);
    }

    [Theory]
    [InlineData("varchar(max)", "Varchar", 65535)]
    [InlineData("character varying(30)", "Varchar", 30)]
    [InlineData("nchar(4)", "Bpchar", 4)]
    [InlineData("text", "Varchar", 256)]
    [InlineData("timestamp without time zone", "Timestamp", null)]
    [InlineData("time with time zone", "TimeTz", null)]
    [InlineData("binary varying(8)", "Varbyte", 8)]
    public void Redshift_type_names_parse(string text, string type, int? length)
    {
        var parsed = RsTypeInfo.Parse(text);
        Assert.Equal(Enum.Parse<RsType>(type), parsed!.Value.Type);
        Assert.Equal(length, parsed.Value.Length);
    }

    [Fact]
    public void Fields_are_encoded_as_the_service_sends_them()
    {
        Assert.Equal("2022-02-22 00:00:00.0", FieldEncoder.Encode(new RsTypeInfo(RsType.Timestamp), new DateTime(2022, 2, 22)).StringValue);
        Assert.Equal("2020-08-21 17:33:51.88712", FieldEncoder.Encode(new RsTypeInfo(RsType.Timestamp), "2020-08-21 17:33:51.88712").StringValue);
        Assert.Equal("2024-06-12 19:30:45.123456+00",
            FieldEncoder.Encode(new RsTypeInfo(RsType.TimestampTz), new DateTimeOffset(2024, 6, 12, 14, 30, 45, TimeSpan.FromHours(-5)).AddTicks(1234560)).StringValue);
        Assert.Equal(123.456787109375, FieldEncoder.Encode(new RsTypeInfo(RsType.Float4), 123.456787f).DoubleValue);
        Assert.Equal(123.456787109375, FieldEncoder.Encode(new RsTypeInfo(RsType.Float4), "123.456787").DoubleValue);
        Assert.Equal("12.50", FieldEncoder.Encode(new RsTypeInfo(RsType.Numeric, Precision: 8, Scale: 2), 12.5m).StringValue);
        Assert.Equal("YWJj", FieldEncoder.Encode(new RsTypeInfo(RsType.Varbyte), "\\x616263").StringValue);
        Assert.Equal(true, FieldEncoder.Encode(new RsTypeInfo(RsType.Bool), "t").BooleanValue);
        Assert.Equal("{\"a\":[1,2]}", FieldEncoder.Encode(new RsTypeInfo(RsType.Super), "{\"a\": [1, 2]}").StringValue);
        Assert.True(FieldEncoder.Encode(new RsTypeInfo(RsType.Int4), null).IsNull);
        Assert.Equal("14:30:45+02", FieldEncoder.Encode(new RsTypeInfo(RsType.TimeTz), new DateTimeOffset(1, 1, 2, 14, 30, 45, TimeSpan.FromHours(2))).StringValue);
    }
}
