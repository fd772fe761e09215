using RedshiftTyped.Queries.Syntax;

namespace RedshiftTyped.Tests.Queries;

/// <summary>How a query file is read: header, directives, statement, parameters, hash (the rules the generator and the tool share).</summary>
public sealed class QuerySourceTests
{
    private const string TopEvents = """"
        -- Top events by tickets sold in one year.
        --
        -- Ordered by tickets, then event id.
        -- @param year int
        -- @param region varchar(20) nullable
        -- @nullable tickets false
        -- @nullable "Odd ""Name""" true
        select e.eventid, sum(s.qtysold) as tickets -- :notaparameter
        from sales s join event e on e.eventid = s.eventid
        where d.year = :year and (':region' <> 'x' or :region is null) and s.x::int > 0
        group by e.eventid;
        -- trailing comment
        """";

    [Fact]
    public void TheHeaderGivesTheDescriptionParametersAndHints()
    {
        var source = QuerySource.Parse(TopEvents);

        Assert.Empty(source.Problems);
        Assert.Equal("Top events by tickets sold in one year.\n\nOrdered by tickets, then event id.", source.Description);
        Assert.Equal(["year", "region"], source.Parameters.Select(p => p.Name));
        Assert.Equal([QueryParameterType.Integer, QueryParameterType.VarChar], source.Parameters.Select(p => p.Type!.Value));
        Assert.Equal(["int", "varchar(20)"], source.Parameters.Select(p => p.DeclaredType));
        Assert.Equal([false, true], source.Parameters.Select(p => p.IsNullable));
        Assert.Equal([("tickets", false), ("Odd \"Name\"", true)], source.NullabilityHints.Select(h => (h.Column, h.IsNullable)));
        Assert.Equal("year", TopEvents.Substring(source.Parameters[0].NameStart, source.Parameters[0].NameLength));
    }

    [Fact]
    public void ParametersAreThoseOutsideCommentsAndLiteralsAndCastsAreNotParameters()
    {
        var source = QuerySource.Parse(TopEvents);

        Assert.Equal(["year", "region"], source.ParameterUses.Select(u => u.Name));
        Assert.All(source.ParameterUses, use => Assert.Equal(":" + use.Name, TopEvents.Substring(use.Start, use.Length)));
    }

    [Fact]
    public void TheStatementExcludesTheHeaderTheSemicolonAndTrailingComments()
    {
        var source = QuerySource.Parse(TopEvents);

        Assert.StartsWith("select e.eventid", source.Statement, StringComparison.Ordinal);
        Assert.EndsWith("group by e.eventid", source.Statement, StringComparison.Ordinal);
        Assert.Equal(8, source.LineOf(source.StatementStart));
    }

    [Fact]
    public void TheHashIsOfTheTextWithLfLineEnds()
    {
        string lf = "select 1 as n\nfrom t\n";
        var unix = QuerySource.Parse(lf);
        var windows = QuerySource.Parse("\uFEFF" + lf.Replace("\n", "\r\n", StringComparison.Ordinal));

        Assert.Equal(unix.Sha256, windows.Sha256);
        Assert.Equal(lf, windows.NormalizedText);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(lf))), unix.Sha256);
        Assert.NotEqual(unix.Sha256, QuerySource.Parse(lf + "-- a comment\n").Sha256);
    }

    [Theory]
    [InlineData("smallint", nameof(QueryParameterType.SmallInt))]
    [InlineData("INT4", nameof(QueryParameterType.Integer))]
    [InlineData("bigint", nameof(QueryParameterType.BigInt))]
    [InlineData("real", nameof(QueryParameterType.Real))]
    [InlineData("double  precision", nameof(QueryParameterType.DoublePrecision))]
    [InlineData("numeric( 12 , 2 )", nameof(QueryParameterType.Numeric))]
    [InlineData("decimal", nameof(QueryParameterType.Numeric))]
    [InlineData("bool", nameof(QueryParameterType.Boolean))]
    [InlineData("char(3)", nameof(QueryParameterType.Char))]
    [InlineData("character varying(256)", nameof(QueryParameterType.VarChar))]
    [InlineData("text", nameof(QueryParameterType.VarChar))]
    [InlineData("date", nameof(QueryParameterType.Date))]
    [InlineData("time without time zone", nameof(QueryParameterType.Time))]
    [InlineData("timestamp", nameof(QueryParameterType.Timestamp))]
    [InlineData("timestamp with time zone", nameof(QueryParameterType.TimestampTz))]
    public void ParameterTypesAreReadAsRedshiftSpellsThem(string declared, string expected)
    {
        Assert.True(QueryParameterTypes.TryParse(declared, out var type));
        Assert.Equal(Enum.Parse<QueryParameterType>(expected), type);
    }

    [Theory]
    [InlineData("super")]
    [InlineData("varbyte")]
    [InlineData("int(4)")]
    [InlineData("varchar(1,2)")]
    [InlineData("numeric(abc)")]
    [InlineData("interval")]
    public void TypesAParameterCannotHaveAreRefused(string declared) => Assert.False(QueryParameterTypes.TryParse(declared, out _));

    [Theory]
    [InlineData("select :a, :b", "-- @param a int\n", nameof(QuerySyntaxProblemKind.UndeclaredParameter))]
    [InlineData("select 1", "-- @param a int\n", nameof(QuerySyntaxProblemKind.UnusedParameter))]
    [InlineData("select :a", "-- @param a interval\n", nameof(QuerySyntaxProblemKind.UnknownParameterType))]
    [InlineData("select :a", "-- @param a int\n-- @param a int\n", nameof(QuerySyntaxProblemKind.DuplicateParameter))]
    [InlineData("select 1", "-- @nullable a false\n-- @nullable a true\n", nameof(QuerySyntaxProblemKind.DuplicateNullabilityHint))]
    [InlineData("select 1", "-- @params a int\n", nameof(QuerySyntaxProblemKind.UnknownDirective))]
    [InlineData("select 1", "-- @nullable a\n", nameof(QuerySyntaxProblemKind.MalformedDirective))]
    [InlineData("select :a_b", "-- @param a.b int\n", nameof(QuerySyntaxProblemKind.InvalidParameterName))]
    [InlineData("", "-- @param a int\n", nameof(QuerySyntaxProblemKind.NoStatement))]
    [InlineData("select 1; select 2", "", nameof(QuerySyntaxProblemKind.MultipleStatements))]
    [InlineData("insert into t values (1)", "", nameof(QuerySyntaxProblemKind.NotAQuery))]
    [InlineData("select 1\n-- @param a int", "", nameof(QuerySyntaxProblemKind.DirectiveAfterStatement))]
    public void EachMistakeIsReported(string sql, string header, string kindName)
    {
        var kind = Enum.Parse<QuerySyntaxProblemKind>(kindName);
        var problem = Assert.Single(QuerySource.Parse(header + sql).Problems, p => p.Kind == kind);
        Assert.False(string.IsNullOrWhiteSpace(problem.Message));
        Assert.DoesNotContain('\n', problem.Message);
    }

    [Theory]
    [InlineData("with x as (select 1 as n) select n from x")]
    [InlineData("(select 1 as n) union all (select 2)")]
    [InlineData("SELECT 1 AS n;")]
    [InlineData("select $$:not_a_parameter$$ as n, \"a:b\" as c")]
    public void QueriesOfEveryShapeAreAccepted(string sql) => Assert.Empty(QuerySource.Parse(sql).Problems);

    [Fact]
    public void AColonBeforeTheParameterNameIsForgiven()
    {
        var source = QuerySource.Parse("-- @param :year int\nselect :year");
        Assert.Empty(source.Problems);
        Assert.Equal("year", Assert.Single(source.Parameters).Name);
    }
}
