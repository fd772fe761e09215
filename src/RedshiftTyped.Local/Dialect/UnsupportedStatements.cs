using RedshiftTyped.Local.Statements;

namespace RedshiftTyped.Local.Dialect;

/// <summary>
/// Statements for Redshift features the local server cannot honestly emulate (https://docs.aws.amazon.com/redshift/latest/dg/c_SQL_commands.html):
/// machine learning models, datashares, Lambda-backed external functions, Python libraries. They fail naming the
/// feature instead of reaching the engine as a syntax error.
/// </summary>
internal static class UnsupportedStatements
{
    private static readonly (string[] Words, string Feature)[] Refused =
    [
        (["create", "model"], "CREATE MODEL (Amazon Redshift ML)"),
        (["drop", "model"], "DROP MODEL (Amazon Redshift ML)"),
        (["show", "model"], "SHOW MODEL (Amazon Redshift ML)"),
        (["create", "datashare"], "CREATE DATASHARE (data sharing)"),
        (["alter", "datashare"], "ALTER DATASHARE (data sharing)"),
        (["drop", "datashare"], "DROP DATASHARE (data sharing)"),
        (["desc", "datashare"], "DESC DATASHARE (data sharing)"),
        (["show", "datashares"], "SHOW DATASHARES (data sharing)"),
        (["create", "external", "function"], "CREATE EXTERNAL FUNCTION (AWS Lambda UDFs)"),
        (["create", "or", "replace", "external", "function"], "CREATE EXTERNAL FUNCTION (AWS Lambda UDFs)"),
        (["create", "library"], "CREATE LIBRARY (Python UDF libraries)"),
        (["create", "or", "replace", "library"], "CREATE LIBRARY (Python UDF libraries)"),
    ];

    /// <summary>The feature a statement needs that the server refuses, or null.</summary>
    public static string? FeatureOf(string sql)
    {
        var words = SqlLexer.Tokenize(sql.Length > 256 ? sql[..256] : sql).Where(t => !t.IsTrivia).Take(5).ToList();
        foreach (var (prefix, feature) in Refused)
        {
            if (prefix.Length <= words.Count && prefix.Select((w, i) => words[i].IsWord(w)).All(x => x)) return feature;
        }

        return null;
    }
}
