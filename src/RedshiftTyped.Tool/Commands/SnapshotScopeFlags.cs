using System.CommandLine;
using RedshiftTyped.Connection;
using RedshiftTyped.Tool.Capture;

namespace RedshiftTyped.Tool.Commands;

/// <summary>The flags capture and check share: where snapshots live and which tables they cover.</summary>
internal sealed class SnapshotScopeFlags
{
    public Option<string> Directory { get; } = new("--dir") { Description = "Snapshot directory.", DefaultValueFactory = _ => "schema-snapshots" };
    public Option<string?> SchemaFilter { get; } = new("--schema-filter") { Description = "Comma-separated schemas (the connector's schema_filter)." };
    public Option<string[]> Include { get; } = new("--include") { Description = "Only tables whose schema.table matches this glob (repeatable; * and ?)." };
    public Option<string[]> Exclude { get; } = new("--exclude") { Description = "Skip tables whose schema.table matches this glob (repeatable)." };

    public void AddTo(Command command)
    {
        command.Add(Directory);
        command.Add(SchemaFilter);
        command.Add(Include);
        command.Add(Exclude);
    }

    public TableSelector Selector(ParseResult parse, RedshiftConnectionOptions options)
    {
        if (parse.GetValue(SchemaFilter) is { Length: > 0 } filter)
        {
            options.SchemaFilter = filter;
        }

        return new TableSelector(options.SchemaFilterList, parse.GetValue(Include) ?? [], parse.GetValue(Exclude) ?? []);
    }
}
