using System.Collections.Generic;
using RedshiftTyped.Generator.Model;
using RedshiftTyped.Generator.Naming;
using RedshiftTyped.Generator.Parsing;

namespace RedshiftTyped.Generator.Emit;

/// <summary>One table with its final names: the whole input of <see cref="TableEmitter"/>.</summary>
internal sealed record TableEmitPlan(TableModel Table, TableNaming Naming)
{
    /// <summary>
    /// Joins a table with the naming plan. A column whose property would share the record's name (CS0542) is renamed
    /// the way collisions are; null when the table is a duplicate and emits nothing.
    /// </summary>
    public static TableEmitPlan? Create(TableModel table, NamingPlan plan)
    {
        var naming = plan.Find(table.Key);
        if (naming is null || naming.DuplicateOf is not null)
        {
            return null;
        }

        bool clash = false;
        foreach (var column in table.Columns)
        {
            clash |= Identifiers.Bare(column.PropertyName) == naming.RecordName;
        }

        if (!clash)
        {
            return new TableEmitPlan(table, naming);
        }

        var taken = new HashSet<string>(SnapshotParser.ReservedMemberNames) { naming.RecordName };
        foreach (var column in table.Columns)
        {
            taken.Add(Identifiers.Bare(column.PropertyName));
        }

        var columns = new List<ColumnModel>();
        foreach (var column in table.Columns)
        {
            columns.Add(Identifiers.Bare(column.PropertyName) == naming.RecordName
                ? column with { PropertyName = Identifiers.Escape(Identifiers.Unique(naming.RecordName + "Value", taken)) }
                : column);
        }

        return new TableEmitPlan(table with { Columns = new EquatableArray<ColumnModel>(columns) }, naming);
    }
}
