using System.Text.RegularExpressions;

namespace RedshiftTyped.Corpus.Tests.Running;

/// <summary>A table or view a case's setup creates, dropped before and after the case.</summary>
/// <param name="IsView">A view (dropped with DROP VIEW); otherwise a table.</param>
/// <param name="Name">The name as the setup writes it, quotes and schema included.</param>
internal readonly record struct CreatedObject(bool IsView, string Name)
{
    public string DropStatement => (IsView ? "DROP VIEW IF EXISTS " : "DROP TABLE IF EXISTS ") + Name;
}

/// <summary>run_corpus.py's reading of setup statements: which objects they create, and temporary tables made plain.</summary>
internal static partial class CreatedObjects
{
    /// <summary>The tables and views the setup statements create, in order (run_corpus.py's <c>created_objects</c>).</summary>
    public static IReadOnlyList<CreatedObject> Of(IEnumerable<string> setup)
    {
        var objects = new List<CreatedObject>();
        foreach (string statement in setup)
        {
            var match = CreatePattern().Match(statement);
            if (match.Success)
            {
                objects.Add(new CreatedObject(match.Groups[1].Value.Equals("view", StringComparison.OrdinalIgnoreCase), match.Groups[2].Value));
            }
        }

        return objects;
    }

    /// <summary>
    /// <c>CREATE TEMP TABLE</c> becomes <c>CREATE TABLE</c>: each Data API statement without a session is its own
    /// session, so a temporary table would vanish before the query.
    /// </summary>
    public static string WithoutTemporary(string statement) => TemporaryPattern().Replace(statement, "$1$2", 1);

    [GeneratedRegex("""\A\s*create\s+(?:or\s+replace\s+)?(?:(?:local\s+)?(?:temp|temporary)\s+)?(table|view)\s+(?:if\s+not\s+exists\s+)?((?:"[^"]+"|[A-Za-z0-9_$]+)(?:\.(?:"[^"]+"|[A-Za-z0-9_$]+))?)""",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CreatePattern();

    [GeneratedRegex(@"^(\s*create\s+)(?:local\s+)?(?:temp|temporary)\s+(table)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TemporaryPattern();
}
