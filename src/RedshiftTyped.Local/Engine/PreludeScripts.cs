using System.Reflection;
using RedshiftTyped.Local.Dialect.Functions;
using RedshiftTyped.Local.Statements;

namespace RedshiftTyped.Local.Engine;

/// <summary>
/// The SQL each engine runs once at start, before any statement: every engine function the server's SQL calls, as
/// embedded <c>.sql</c> files kept beside the code that calls them — <c>Dialect/Prelude/&lt;engine&gt;/&lt;family&gt;.sql</c>
/// (the DuckDB macros and PostgreSQL functions the function table's rows call) and <c>Storage/Prelude/&lt;engine&gt;/storage.sql</c>
/// (the storage rules' CHECK functions and stored-value conversions). All are embedded as
/// <c>prelude/&lt;engine&gt;/&lt;file&gt;</c> and run in file-name order; every statement is idempotent (CREATE OR REPLACE).
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
