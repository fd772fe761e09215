using System.Net;
using System.Text.Json;
using RedshiftTyped.Tests.Infrastructure;
using RedshiftTyped.Tool;
using RedshiftTyped.Tool.Cli;

namespace RedshiftTyped.Tests.Tool;

/// <summary><c>redshift-typed sql</c> end to end through the wire: flags, parameters, output formats, exit codes.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class SqlCommandTests
{
    private const string Id = Aws.StatementId;

    private static RecordingHandler Result(string records, string columns, string? failWith = null) => new((r, _) => r.Operation switch
    {
        "ExecuteStatement" => Aws.Ok(Aws.Submitted(Id)),
        "DescribeStatement" => Aws.Ok(Aws.Described(Id, failWith is null ? "FINISHED" : "FAILED", error: failWith)),
        "GetStatementResult" => Aws.Ok($"{{\"Records\":{records},\"ColumnMetadata\":{columns},\"TotalNumRows\":2}}"),
        _ => Aws.Error(HttpStatusCode.BadRequest, "ValidationException", "unexpected"),
    });

    private const string TwoRows = "[[{\"longValue\":1},{\"stringValue\":\"a,\\\"b\\\"\"},{\"stringValue\":\"12.50\"}],[{\"longValue\":2},{\"isNull\":true},{\"stringValue\":\"-0.01\"}]]";
    private const string ThreeColumns = "[{\"name\":\"id\",\"label\":\"id\",\"typeName\":\"int4\"},{\"name\":\"name\",\"label\":\"name\",\"typeName\":\"varchar\"},{\"name\":\"price\",\"label\":\"price\",\"typeName\":\"numeric\",\"precision\":8,\"scale\":2}]";

    private static async Task<(int Exit, string Out, string Err)> Run(RecordingHandler handler, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = await ToolApp.RunAsync([.. args, "--endpoint", "http://127.0.0.1:8790", "--poll-interval", "0.05"], new ToolConsole(output, error, handler));
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task An_engine_error_quoting_a_hostile_value_reaches_the_terminal_escaped()
    {
        var (exit, _, err) = await Run(Result(TwoRows, ThreeColumns, failWith: "ERROR: invalid input syntax for type integer: \"\u001B[31mX\u202Eabc\""),
            "sql", "select 1");

        Assert.Equal(1, exit);
        Assert.DoesNotContain('\u001B', err);
        Assert.DoesNotContain('\u202E', err);
        Assert.Contains("\\x1B[31mX\\u202Eabc", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_output_has_a_header_quotes_and_distinguishes_NULL()
    {
        var (exit, output, err) = await Run(Result(TwoRows, ThreeColumns), "sql", "select id, name, price from t", "--format", "csv");

        Assert.Equal(0, exit);
        Assert.Equal("", err);
        Assert.Equal("id,name,price\n1,\"a,\"\"b\"\"\",12.50\n2,,-0.01\n", output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Json_output_keeps_numbers_exact_and_NULL_as_null()
    {
        var (exit, output, _) = await Run(Result(TwoRows, ThreeColumns), "sql", "select id, name, price from t", "--format", "json");

        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(output);
        var rows = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(1, rows[0].GetProperty("id").GetInt32());
        Assert.Equal("12.50", rows[0].GetProperty("price").GetRawText());
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("name").ValueKind);
    }

    [Fact]
    public async Task Json_output_gives_repeated_column_names_unique_keys_and_writes_text_as_is()
    {
        const string columns = "[{\"name\":\"?column?\",\"typeName\":\"int4\"},{\"name\":\"?column?\",\"typeName\":\"int4\"},{\"name\":\"?column?_2\",\"typeName\":\"varchar\"}]";
        const string records = "[[{\"longValue\":1},{\"longValue\":2},{\"stringValue\":\"é<>'\"}]]";
        var handler = new RecordingHandler((r, _) => r.Operation switch
        {
            "ExecuteStatement" => Aws.Ok(Aws.Submitted(Id)),
            "DescribeStatement" => Aws.Ok(Aws.Described(Id, "FINISHED")),
            "GetStatementResult" => Aws.Ok($"{{\"Records\":{records},\"ColumnMetadata\":{columns},\"TotalNumRows\":1}}"),
            _ => Aws.Error(HttpStatusCode.BadRequest, "ValidationException", "unexpected"),
        });

        var (exit, output, _) = await Run(handler, "sql", "select 1, 2, 'x' as \"?column?_2\"", "--format", "json");

        Assert.Equal(0, exit);
        Assert.Contains("é<>'", output, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(output);
        var row = Assert.Single(doc.RootElement.EnumerateArray().ToList());
        Assert.Equal(["?column?", "?column?_3", "?column?_2"], row.EnumerateObject().Select(p => p.Name));
        Assert.Equal(2, row.GetProperty("?column?_3").GetInt32());
    }

    [Fact]
    public async Task Table_output_shows_columns_rows_and_a_count()
    {
        var (exit, output, _) = await Run(Result(TwoRows, ThreeColumns), "sql", "select 1");

        Assert.Equal(0, exit);
        Assert.Contains("price", output);
        Assert.Contains("NULL", output);
        Assert.Contains("(2 rows)", output);
    }

    [Fact]
    public async Task Params_are_sent_as_parameters_and_local_defaults_fill_the_target()
    {
        var handler = Result(TwoRows, ThreeColumns);
        var (exit, _, _) = await Run(handler, "sql", "select * from t where id = :id", "--param", "id=42", "-p", "name=x=y");

        Assert.Equal(0, exit);
        var submit = handler.Calls("ExecuteStatement").Single().Json;
        Assert.Equal("select * from t where id = :id", (string?)submit["Sql"]);
        Assert.Equal("42", (string?)submit["Parameters"]![0]!["value"]);
        Assert.Equal("x=y", (string?)submit["Parameters"]![1]!["value"]);
        Assert.Equal("local", (string?)submit["ClusterIdentifier"]);
        Assert.Equal("dev", (string?)submit["Database"]);
    }

    [Fact]
    public async Task A_failed_statement_exits_1_with_Redshifts_error()
    {
        var (exit, _, err) = await Run(Result(TwoRows, ThreeColumns, failWith: "ERROR: relation \"nope\" does not exist"), "sql", "select * from nope");

        Assert.Equal(1, exit);
        Assert.Contains("relation \"nope\" does not exist", err);
    }

    [Fact]
    public async Task A_connection_that_breaks_mid_answer_is_a_clear_error_not_a_stack_trace()
    {
        var handler = new RecordingHandler((r, _) => r.Operation switch
        {
            "ExecuteStatement" => Aws.Ok(Aws.Submitted(Id)),
            "DescribeStatement" => Aws.Ok(Aws.Described(Id, "FINISHED")),
            _ => throw new IOException("Unable to read data from the transport connection: Connection reset by peer."),
        });
        Environment.SetEnvironmentVariable("REDSHIFT_TYPED_RETRY__MAX_RETRIES", "1");
        try
        {
            var (exit, _, err) = await Run(handler, "sql", "select 1");

            Assert.Equal(1, exit);
            Assert.StartsWith("error: the connection to the Data API endpoint broke", err);
            Assert.Equal(2, handler.Calls("GetStatementResult").Count());
        }
        finally
        {
            Environment.SetEnvironmentVariable("REDSHIFT_TYPED_RETRY__MAX_RETRIES", null);
        }
    }

    [Fact]
    public async Task A_malformed_param_or_bad_option_exits_2_and_says_how_to_fix_it()
    {
        var (exit, _, err) = await Run(Result(TwoRows, ThreeColumns), "sql", "select :id", "--param", "id");
        Assert.Equal(2, exit);
        Assert.Contains("is not name=value", err);

        (exit, _, err) = await Run(Result(TwoRows, ThreeColumns), "sql", "select 1", "--max-poll-attempts", "0");
        Assert.Equal(2, exit);
        Assert.Equal("error: --max-poll-attempts 0 is out of range: give a number from 1 to 1000000.", err.Trim());

        (exit, _, err) = await Run(Result(TwoRows, ThreeColumns), "sql", "select :id", "--param", "id=");
        Assert.Equal(2, exit);
        Assert.Equal("error: Parameter :id is an empty string, which the Data API rejects. Compare with '' in the SQL instead.", err.Trim());
    }

    [Theory]
    [InlineData("sql", "--poll-interval", "soon", "error: --poll-interval takes a number, e.g. 0.5; 'soon' is not one.")]
    [InlineData("sql", "--max-poll-attempts", "1.5", "error: --max-poll-attempts takes a whole number, e.g. 4; '1.5' is not one.")]
    [InlineData("local", "--result-memory-limit", "abc", "error: --result-memory-limit takes a whole number, e.g. 4; 'abc' is not one.")]
    [InlineData("local", "--port", "http", "error: --port takes a whole number, e.g. 4; 'http' is not one.")]
    [InlineData("local", "--result-memory-limit", "99999999999999999999999", "error: --result-memory-limit 99999999999999999999999 is out of range: give a size in MB from 0 to 1073741824.")]
    [InlineData("local", "--port", "99999999999999999999", "error: --port 99999999999999999999 is out of range: give 1 to 65535, or 0 to pick a free one.")]
    [InlineData("local", "--slices", "-99999999999999999999", "error: --slices -99999999999999999999 is out of range: give 1 to 128.")]
    public async Task A_numeric_flag_given_text_is_one_line_naming_the_flag_and_its_form(string command, string flag, string value, string expected)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        string[] args = command == "sql" ? ["sql", "select 1", flag, value] : [command, flag, value];

        int exit = await ToolApp.RunAsync(args, new ToolConsole(output, error));

        Assert.Equal(2, exit);
        Assert.Equal("", output.ToString());
        Assert.Equal(expected, error.ToString().TrimEnd());
    }

    [Theory]
    [InlineData("--poll-interval", "1e-9", "error: --poll-interval 1e-9 is out of range: give seconds from 0.01 to 300.")]
    [InlineData("--poll-interval", "0", "error: --poll-interval 0 is out of range: give seconds from 0.01 to 300.")]
    [InlineData("--poll-interval", "1e400", "error: --poll-interval 1e400 is out of range: give seconds from 0.01 to 300.")]
    [InlineData("--poll-interval", "300.5", "error: --poll-interval 300.5 is out of range: give seconds from 0.01 to 300.")]
    [InlineData("--poll-interval", "1,5", "error: --poll-interval takes a number, e.g. 0.5; '1,5' is not one.")]
    [InlineData("--poll-interval", "0,001", "error: --poll-interval takes a number, e.g. 0.5; '0,001' is not one.")]
    [InlineData("--max-poll-attempts", "1000001", "error: --max-poll-attempts 1000001 is out of range: give a number from 1 to 1000000.")]
    [InlineData("--max-poll-attempts", "99999999999999999999", "error: --max-poll-attempts 99999999999999999999 is out of range: give a number from 1 to 1000000.")]
    [InlineData("--max-poll-attempts", "-99999999999999999999", "error: --max-poll-attempts -99999999999999999999 is out of range: give a number from 1 to 1000000.")]
    public async Task A_numeric_flag_out_of_range_names_the_range_and_the_value_as_typed(string flag, string value, string expected)
    {
        var output = new StringWriter();
        var error = new StringWriter();

        int exit = await ToolApp.RunAsync(["sql", "select 1", flag, value], new ToolConsole(output, error));

        Assert.Equal(2, exit);
        Assert.Equal("", output.ToString());
        Assert.Equal(expected, error.ToString().TrimEnd());
    }

    [Theory]
    [InlineData("0.01")]
    [InlineData("300")]
    public async Task The_poll_interval_bounds_are_accepted(string value)
    {
        var error = new StringWriter();

        int exit = await ToolApp.RunAsync(["sql", "select 1", "--endpoint", "http://127.0.0.1:8790", "--poll-interval", value],
            new ToolConsole(new StringWriter(), error, Result(TwoRows, ThreeColumns)));

        Assert.Equal("", error.ToString());
        Assert.Equal(0, exit);
    }

    [Theory]
    [InlineData(new[] { "--max-poll-attempts", "x", "--poll-interval", "y" }, new[] { "--max-poll-attempts", "--poll-interval" })]
    [InlineData(new[] { "--poll-interval", "y", "--max-poll-attempts", "x" }, new[] { "--poll-interval", "--max-poll-attempts" })]
    [InlineData(new[] { "--poll-interval", "1e400", "--format", "bogus" }, new[] { "--poll-interval", "'bogus'" })]
    [InlineData(new[] { "--format", "bogus", "--poll-interval", "1e400" }, new[] { "'bogus'", "--poll-interval" })]
    [InlineData(new[] { "--no-such-flag", "--poll-interval", "y" }, new[] { "'--no-such-flag'", "--poll-interval" })]
    [InlineData(new[] { "--poll-interval", "y", "--no-such-flag" }, new[] { "--poll-interval", "'--no-such-flag'" })]
    public async Task Several_bad_flags_are_reported_in_the_order_they_were_typed(string[] flags, string[] expectedOrder)
    {
        var error = new StringWriter();

        int exit = await ToolApp.RunAsync(["sql", "select 1", .. flags], new ToolConsole(new StringWriter(), error));

        Assert.Equal(2, exit);
        string[] lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("error: ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(expectedOrder.Length, lines.Length);
        for (int i = 0; i < lines.Length; i++)
        {
            Assert.Contains(expectedOrder[i], lines[i], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Other_parse_errors_still_point_to_help()
    {
        var error = new StringWriter();

        int exit = await ToolApp.RunAsync(["sql", "select 1", "--no-such-flag"], new ToolConsole(new StringWriter(), error));

        Assert.Equal(2, exit);
        Assert.Contains("Run 'redshift-typed sql --help' for usage.", error.ToString(), StringComparison.Ordinal);
    }
}
