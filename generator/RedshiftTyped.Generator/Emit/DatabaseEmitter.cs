using System.Collections.Generic;
using System.Linq;
using RedshiftTyped.Generator.Naming;

namespace RedshiftTyped.Generator.Emit;

/// <summary>
/// Writes the typed entry point of each database: <c>TickitDatabase.Public.Sales</c> is the descriptor of
/// <c>tickit.public.sales</c>. Depends only on the naming plan, so column edits never rewrite it.
/// </summary>
internal static class DatabaseEmitter
{
    public static IEnumerable<(string HintName, string Source)> Emit(NamingPlan plan)
    {
        var emitted = plan.Tables.Where(t => t.DuplicateOf is null).ToList();
        foreach (var database in emitted.GroupBy(t => (Namespace: ParentNamespace(t.Namespace), t.DatabaseClass)))
        {
            string ns = database.Key.Namespace;
            string databaseName = database.First().Key.Database;
            var w = new SourceWriter();
            Header.Write(w);
            w.Open("namespace " + ns);
            w.Line($"/// <summary>The tables of the Redshift database <c>{CSharp.Xml(databaseName)}</c> captured in schema snapshots, by schema.</summary>");
            w.Line(Header.GeneratedCode);
            w.Open($"public static partial class {database.Key.DatabaseClass}");
            bool firstSchema = true;
            foreach (var schema in database.GroupBy(t => t.SchemaClass))
            {
                if (!firstSchema)
                {
                    w.Line();
                }

                firstSchema = false;
                string schemaName = schema.First().Key.Schema;
                w.Line($"/// <summary>The schema <c>{CSharp.Xml(schemaName)}</c>.</summary>");
                w.Open($"public static partial class {Identifiers.Escape(schema.Key)}");
                bool firstTable = true;
                foreach (var table in schema)
                {
                    if (!firstTable)
                    {
                        w.Line();
                    }

                    firstTable = false;
                    string record = $"global::{table.Namespace}.{Identifiers.Escape(table.RecordName)}";
                    w.Line($"/// <summary>The {CSharp.Xml(table.Key.Schema)}.{CSharp.Xml(table.Key.Name)} descriptor.</summary>");
                    w.Line($"public static global::RedshiftTyped.Typed.TableDescriptor<{record}> {Identifiers.Escape(table.EntryProperty)} => {record}.RedshiftTable.Descriptor;");
                }

                w.Close();
            }

            w.Close();
            w.Close();
            yield return (database.First().DatabaseHintName, w.ToString());
        }
    }

    private static string ParentNamespace(string ns) => ns.Substring(0, ns.LastIndexOf('.'));
}
