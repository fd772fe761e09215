using System.Text.RegularExpressions;

namespace RedshiftTyped.Local.Storage;

/// <summary>
/// Redshift's text for the errors the storage rules raise through the engine. DuckDB wraps an error raised in a
/// CHECK constraint (<c>Constraint Error: CHECK constraint failed on table t with expression CHECK(...) (Error: value too
/// long for type character varying(3))</c>) or by <c>error()</c> (<c>Invalid Input Error: ...</c>); the message inside
/// is the one Redshift gives. PostgreSQL raises it as it is.
/// </summary>
internal static partial class StorageErrors
{
    /// <summary>The message Redshift would give, or the engine's message unchanged when it is not one of ours.</summary>
    public static string Unwrap(string engineMessage)
    {
        var check = RaisedInCheck().Match(engineMessage);
        if (check.Success)
        {
            return check.Groups[1].Value;
        }

        var raised = RaisedByError().Match(engineMessage);
        return raised.Success ? raised.Groups[1].Value : engineMessage;
    }

    [GeneratedRegex(@"^Constraint Error: CHECK constraint failed on table .* \(Error: (.+)\)\s*$", RegexOptions.Singleline)]
    private static partial Regex RaisedInCheck();

    [GeneratedRegex(@"^Invalid Input Error: ((?:value too long for type|Multibyte character not supported|cannot set an identity column|invalid input syntax for type|division by zero).*)$", RegexOptions.Singleline)]
    private static partial Regex RaisedByError();
}
