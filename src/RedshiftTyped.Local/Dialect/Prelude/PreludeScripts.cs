using System.Reflection;
using RedshiftTyped.Local.Dialect.Functions;
using RedshiftTyped.Local.Statements;

namespace RedshiftTyped.Local.Dialect.Prelude;

/// <summary>
/// The SQL each engine runs once at start: the DuckDB macros and PostgreSQL functions the function table's rows call
/// (Dialect/Prelude/&lt;engine&gt;/&lt;family&gt;.sql, embedded resources, run in file-name order).
/// </summary>
internal static class PreludeScripts
{
    public static IReadOnlyList<string> For(EngineKind engine)
    {
        string folder = engine == EngineKind.DuckDb ? "prelude/duckdb/" : "prelude/postgres/";
        var assembly = typeof(PreludeScripts).Assembly;
        var statements = new List<string>();
        foreach (string name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(folder, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            statements.AddRange(SqlScript.Split(reader.ReadToEnd()));
        }

        return statements;
    }
}
