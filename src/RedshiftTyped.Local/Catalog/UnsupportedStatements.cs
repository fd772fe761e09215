using RedshiftTyped.Local.Statements;

namespace RedshiftTyped.Local.Catalog;

/// <summary>
/// The one list of Redshift statements the local server cannot emulate honestly
/// (https://docs.aws.amazon.com/redshift/latest/dg/c_SQL_commands.html). Each fails with
/// <c>ERROR: &lt;feature&gt; is not supported by the local server</c> before it reaches the dialect layer or an engine,
/// rather than with an engine's parse error or — worse — a different effect. One row per statement form: the words it
/// starts with, words it must also contain (anywhere), and the feature it belongs to. Functions the server cannot
/// emulate (spatial, HyperLogLog) are rows of the dialect's function table instead
/// (Dialect/Functions/UnsupportedFunctions.cs), refused where they are called.
/// </summary>
internal static class UnsupportedStatements
{
    private sealed record Form(string[] Prefix, string[] Contains, string Feature);

    private static readonly Form[] Forms =
    [
        new(["create", "datashare"], [], "datashares"),
        new(["alter", "datashare"], [], "datashares"),
        new(["drop", "datashare"], [], "datashares"),
        new(["desc", "datashare"], [], "datashares"),
        new(["show", "datashares"], [], "datashares"),
        new(["grant"], ["datashare"], "datashares"),
        new(["revoke"], ["datashare"], "datashares"),
        new(["create", "database"], ["datashare"], "datashares"),
        new(["create", "database"], ["integration"], "zero-ETL integrations"),
        new(["create", "model"], [], "Redshift ML (CREATE MODEL)"),
        new(["drop", "model"], [], "Redshift ML (DROP MODEL)"),
        new(["show", "model"], [], "Redshift ML (SHOW MODEL)"),
        new(["create", "external", "function"], [], "Lambda UDFs (CREATE EXTERNAL FUNCTION)"),
        new(["create", "or", "replace", "external", "function"], [], "Lambda UDFs (CREATE EXTERNAL FUNCTION)"),
        new(["drop", "external", "function"], [], "Lambda UDFs (DROP EXTERNAL FUNCTION)"),
        new(["create", "external", "view"], [], "Data Catalog views (CREATE EXTERNAL VIEW)"),
        new(["create", "library"], [], "Python UDF libraries (CREATE LIBRARY)"),
        new(["create", "or", "replace", "library"], [], "Python UDF libraries (CREATE LIBRARY)"),
        new(["drop", "library"], [], "Python UDF libraries (DROP LIBRARY)"),
        new(["create", "function"], ["plpythonu"], "Python UDFs"),
        new(["create", "or", "replace", "function"], ["plpythonu"], "Python UDFs"),
        new(["create", "identity", "provider"], [], "identity providers"),
        new(["alter", "identity", "provider"], [], "identity providers"),
        new(["drop", "identity", "provider"], [], "identity providers"),
        new(["create", "rls", "policy"], [], "row-level security policies"),
        new(["attach", "rls", "policy"], [], "row-level security policies"),
        new(["create", "masking", "policy"], [], "dynamic data masking"),
        new(["attach", "masking", "policy"], [], "dynamic data masking"),
        new(["copy"], [], "COPY (loading from Amazon S3, DynamoDB or remote hosts; the local server reads and writes no file of its host)"),
        new(["alter", "table"], ["append", "from"], "ALTER TABLE APPEND"),
        new(["create", "external", "table"], ["select"], "CREATE EXTERNAL TABLE AS (writing query results to Amazon S3)"),
    ];

    /// <summary>Throws <see cref="EngineFailure"/> naming the feature when the statement is one the server cannot run.</summary>
    public static void ThrowIfUnsupported(List<SqlToken> tokens)
    {
        var words = tokens.Where(t => !t.IsTrivia).ToList();
        foreach (var form in Forms)
        {
            if (form.Prefix.Length <= words.Count
                && form.Prefix.Select((word, i) => words[i].IsWord(word)).All(match => match)
                && form.Contains.All(word => words.Any(w => w.IsWord(word))))
            {
                throw new EngineFailure($"ERROR: {form.Feature} is not supported by the local server");
            }
        }
    }
}
