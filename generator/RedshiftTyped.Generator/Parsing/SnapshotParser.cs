using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis.Text;
using RedshiftTyped.Generator.Diagnostics;
using RedshiftTyped.Generator.Model;
using RedshiftTyped.Generator.Naming;

namespace RedshiftTyped.Generator.Parsing;

/// <summary>
/// Reads one snapshot file (docs/schema-snapshot.schema.json) into a <see cref="TableModel"/>, collecting every
/// problem as a diagnostic at the exact span of the offending JSON. Unknown members are ignored, as the format asks.
/// </summary>
internal sealed partial class SnapshotParser
{
    public const int SupportedFormatVersion = 1;

    /// <summary>
    /// Member names a column's property may not take: the record's own members, and the nested class that holds the
    /// table's metadata and readers.
    /// </summary>
    internal static readonly string[] ReservedMemberNames =
    [
        "RedshiftTable", "EqualityContract", "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone",
        "Finalize", "PrintMembers", "Deconstruct", "ReferenceEquals",
    ];

    private readonly string _path;
    private readonly SourceText _text;
    private readonly GeneratorOptions _options;
    private readonly List<DiagnosticInfo> _diagnostics = [];

    private SnapshotParser(string path, SourceText text, GeneratorOptions options)
    {
        _path = path;
        _text = text;
        _options = options;
    }

    public static ParseResult Parse(string path, SourceText text, GeneratorOptions options, CancellationToken cancellationToken)
        => new SnapshotParser(path, text, options).Parse(cancellationToken);

    private ParseResult Parse(CancellationToken cancellationToken)
    {
        var root = JsonReader.Parse(_text.ToString(), out var syntaxError);
        if (root is null)
        {
            Report(DiagnosticDescriptors.MalformedJson, syntaxError!.Position, syntaxError.Length, syntaxError.Message);
            return Result(null, null);
        }

        if (root is not JsonObject table)
        {
            Report(DiagnosticDescriptors.MalformedJson, root.Start, root.Length, "a snapshot is a JSON object, not " + root.Description);
            return Result(null, null);
        }

        if (!CheckFormatVersion(table))
        {
            return Result(null, null);
        }

        ReportDuplicateMembers(table);
        bool withinLimits = CheckTextLimits(table);

        string? database = RequiredString(table, "database");
        string? schema = RequiredString(table, "schema");
        string? name = RequiredString(table, "name");
        var kind = ReadKind(table);
        string? comment = OptionalString(table, "comment");
        string? distStyle = OptionalString(table, "distStyle");
        var distKey = OptionalString(table, "distKey");
        var sortKeys = OptionalStringArray(table, "sortKeys");
        var primaryKey = OptionalStringArray(table, "primaryKey");
        string? recordName = ReadRecordName(table);
        var columnsNode = Required(table, "columns");
        List<ColumnModel> columns = [];
        List<string> ignored = [];
        if (columnsNode is JsonArray { Items.Count: > RedshiftLimits.MaxColumns } tooWide)
        {
            // Checked before the columns are read: 200,000 columns must cost a diagnostic, not minutes of work.
            Report(DiagnosticDescriptors.BeyondRedshiftLimit, tooWide.Start, 1, RedshiftLimits.TooManyColumns(tooWide.Items.Count));
            withinLimits = false;
        }
        else if (columnsNode is JsonArray columnArray)
        {
            ReadColumns(columnArray, columns, ignored, cancellationToken);
        }
        else if (columnsNode is not null)
        {
            Invalid(columnsNode, "\"columns\" must be an array of column objects, not " + columnsNode.Description);
        }

        withinLimits &= CheckNameLimits(table, columns);
        if (database is null || schema is null || name is null || kind is null || columnsNode is not JsonArray || !withinLimits)
        {
            return Result(null, null);
        }

        var nameNode = table.Find("name")!.Value;
        var model = new TableModel(
            _path,
            database,
            schema,
            name,
            kind.Value,
            comment,
            distStyle,
            distKey,
            new EquatableArray<string>(sortKeys),
            new EquatableArray<string>(primaryKey),
            recordName,
            new EquatableArray<ColumnModel>(columns),
            new EquatableArray<string>(ignored));
        return Result(model, Location(nameNode.Start, nameNode.Length));
    }

    private bool CheckFormatVersion(JsonObject table)
    {
        var version = Required(table, "formatVersion");
        if (version is null)
        {
            return false;
        }

        if (version is not JsonNumber number)
        {
            Report(DiagnosticDescriptors.UnsupportedFormatVersion, version.Start, version.Length, version.Description, Text(SupportedFormatVersion));
            return false;
        }

        if (number.Text != Text(SupportedFormatVersion))
        {
            Report(DiagnosticDescriptors.UnsupportedFormatVersion, number.Start, number.Length, number.Text, Text(SupportedFormatVersion));
            return false;
        }

        return true;
    }

    private TableKind? ReadKind(JsonObject table)
    {
        string? kind = RequiredString(table, "kind");
        switch (kind)
        {
            case null: return null;
            case "table": return TableKind.Table;
            case "view": return TableKind.View;
            case "late_binding_view": return TableKind.LateBindingView;
            case "materialized_view": return TableKind.MaterializedView;
            case "external_table": return TableKind.ExternalTable;
            default:
                Invalid(table.Find("kind")!.Value, $"\"kind\" is \"{kind}\"; expected table, view, late_binding_view, materialized_view or external_table");
                return null;
        }
    }

    private string? ReadRecordName(JsonObject table)
    {
        var node = table.Find("recordName")?.Value;
        switch (node)
        {
            case null or JsonNull:
                return null;
            case JsonString { Value: var value } when Identifiers.IsValid(value):
                return Identifiers.Bare(value);
            default:
                Report(DiagnosticDescriptors.InvalidOverride, node.Start, node.Length, "\"recordName\" must be a valid C# identifier or null");
                return null;
        }
    }

    /// <summary>
    /// A member given twice in one object (at any depth): RTG008 at the second name. Which one a JSON reader keeps is
    /// not defined, so the snapshot's meaning would depend on the reader.
    /// </summary>
    private void ReportDuplicateMembers(JsonNode root)
    {
        var pending = new Stack<JsonNode>();
        pending.Push(root);
        var found = new List<(JsonMember Member, JsonMember First)>();
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case JsonObject obj:
                    var seen = new Dictionary<string, JsonMember>(System.StringComparer.Ordinal);
                    foreach (var member in obj.Members)
                    {
                        if (seen.TryGetValue(member.Name, out var first))
                        {
                            found.Add((member, first));
                        }
                        else
                        {
                            seen.Add(member.Name, member);
                        }

                        pending.Push(member.Value);
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array.Items)
                    {
                        pending.Push(item);
                    }

                    break;
            }
        }

        found.Sort((a, b) => a.Member.NameStart.CompareTo(b.Member.NameStart));
        foreach (var (member, first) in found)
        {
            Report(DiagnosticDescriptors.DuplicateMember, member.NameStart, member.NameLength, member.Name, Text(Line(first.NameStart)));
        }
    }

    /// <summary>RTG009 at every string longer than any text Redshift's catalog holds; false when there is one.</summary>
    private bool CheckTextLimits(JsonObject table)
    {
        var overlong = new List<JsonString>(RedshiftLimits.OverlongStrings(table));
        overlong.Sort((a, b) => a.Start.CompareTo(b.Start));
        foreach (var text in overlong)
        {
            Report(DiagnosticDescriptors.BeyondRedshiftLimit, text.Start, 1, RedshiftLimits.TextTooLong(RedshiftLimits.Bytes(text.Value)));
        }

        return overlong.Count == 0;
    }

    /// <summary>RTG009 at every name longer than Redshift's 127 bytes (database, schema, table, columns, keys); false when there is one.</summary>
    private bool CheckNameLimits(JsonObject table, List<ColumnModel> columns)
    {
        bool within = true;
        foreach (string member in new[] { "database", "schema", "name", "distKey" })
        {
            within &= CheckName(table.Find(member)?.Value, member == "name" ? "table name" : member);
        }

        foreach (string member in new[] { "sortKeys", "primaryKey" })
        {
            if (table.Find(member)?.Value is JsonArray keys)
            {
                foreach (var key in keys.Items)
                {
                    within &= CheckName(key, "key column");
                }
            }
        }

        if (table.Find("columns")?.Value is JsonArray { Items.Count: <= RedshiftLimits.MaxColumns } array)
        {
            foreach (var item in array.Items)
            {
                within &= CheckName((item as JsonObject)?.Find("name")?.Value, "column name");
            }
        }

        return within;
    }

    private bool CheckName(JsonNode? node, string what)
    {
        if (node is not JsonString { Value: var name } || name.Length * 3 <= RedshiftLimits.MaxNameBytes || RedshiftLimits.Bytes(name) <= RedshiftLimits.MaxNameBytes)
        {
            return true;
        }

        if (RedshiftLimits.Bytes(name) > RedshiftLimits.MaxTextBytes)
        {
            // Already reported as text beyond any limit.
            return false;
        }

        Report(DiagnosticDescriptors.BeyondRedshiftLimit, node.Start, node.Length, RedshiftLimits.NameTooLong(what, name, RedshiftLimits.Bytes(name)));
        return false;
    }

    private int Line(int position) => _text.Lines.GetLineFromPosition(position).LineNumber + 1;

    private void ReadColumns(JsonArray array, List<ColumnModel> columns, List<string> ignored, CancellationToken cancellationToken)
    {
        var taken = new HashSet<string>(ReservedMemberNames);
        var ordinals = new Dictionary<string, int>(System.StringComparer.Ordinal);
        foreach (var item in array.Items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (item is not JsonObject column)
            {
                Invalid(item, "each column must be an object, not " + item.Description);
                continue;
            }

            var parsed = ReadColumn(column);
            if (parsed is null)
            {
                continue;
            }

            var (model, ignore, nameNode, proposed, proposedNode) = parsed.Value;
            if (ordinals.TryGetValue(model.Name, out int firstOrdinal))
            {
                Report(DiagnosticDescriptors.DuplicateColumn, nameNode.Start, nameNode.Length, model.Name, Text(firstOrdinal));
                continue;
            }

            ordinals.Add(model.Name, model.Ordinal);
            if (ignore)
            {
                ignored.Add(model.Name);
                continue;
            }

            string unique = Identifiers.Unique(proposed, taken);
            if (unique != proposed)
            {
                var at = proposedNode ?? nameNode;
                Report(DiagnosticDescriptors.IdentifierCollision, at.Start, at.Length, "Column", model.Name, proposed, unique);
            }

            columns.Add(model with { PropertyName = Identifiers.Escape(unique) });
        }
    }

    private (ColumnModel Model, bool Ignore, JsonNode NameNode, string Proposed, JsonNode? ProposedNode)? ReadColumn(JsonObject column)
    {
        string? name = RequiredString(column, "name");
        int? ordinal = RequiredInt(column, "ordinal");
        string? declared = RequiredString(column, "type");
        string? typeName = RequiredString(column, "typeName");
        bool? nullable = RequiredBool(column, "nullable");
        int? length = OptionalInt(column, "length");
        int? precision = OptionalInt(column, "precision");
        int? scale = OptionalInt(column, "scale");
        string? defaultValue = OptionalString(column, "default");
        string? comment = OptionalString(column, "comment");
        if (name is null || ordinal is null || declared is null || typeName is null || nullable is null)
        {
            return null;
        }

        var typeNameNode = column.Find("typeName")!.Value;
        if (!TypeMapping.TryMap(typeName, out var kind))
        {
            Report(DiagnosticDescriptors.UnknownType, typeNameNode.Start, typeNameNode.Length, name, typeName);
            kind = ColumnValueKind.String;
        }

        string proposed = Identifiers.Create(name, _options.Naming, "Column" + Text(ordinal.Value));
        JsonNode? proposedNode = null;
        bool ignore = false;
        if (column.Find("override")?.Value is { } overrideNode and not JsonNull)
        {
            if (overrideNode is not JsonObject overrides)
            {
                Report(DiagnosticDescriptors.InvalidOverride, overrideNode.Start, overrideNode.Length, "\"override\" must be an object");
            }
            else
            {
                ApplyOverrides(overrides, ref kind, ref proposed, ref proposedNode, ref ignore);
            }
        }

        var model = new ColumnModel(name, ordinal.Value, declared, typeName, kind, nullable.Value, length, precision, scale, defaultValue, comment, proposed);
        return (model, ignore, column.Find("name")!.Value, proposed, proposedNode);
    }

    private void ApplyOverrides(JsonObject overrides, ref ColumnValueKind kind, ref string propertyName, ref JsonNode? propertyNode, ref bool ignore)
    {
        switch (overrides.Find("clrType")?.Value)
        {
            case null or JsonNull:
                break;
            case JsonString clr when TypeMapping.TryOverride(kind, clr.Value, out var overridden):
                kind = overridden;
                break;
            case var clr:
                Report(DiagnosticDescriptors.InvalidOverride, clr.Start, clr.Length,
                    $"\"clrType\" cannot map a {TypeMapping.ClrTypeName(kind)} column; use string, or for numeric System.Data.SqlTypes.SqlDecimal or decimal");
                break;
        }

        switch (overrides.Find("propertyName")?.Value)
        {
            case null or JsonNull:
                break;
            case JsonString property when Identifiers.IsValid(property.Value):
                propertyName = Identifiers.Bare(property.Value);
                propertyNode = property;
                break;
            case var property:
                Report(DiagnosticDescriptors.InvalidOverride, property.Start, property.Length, "\"propertyName\" must be a valid C# identifier");
                break;
        }

        switch (overrides.Find("ignore")?.Value)
        {
            case null or JsonNull:
                break;
            case JsonBoolean flag:
                ignore = flag.Value;
                break;
            case var flag:
                Report(DiagnosticDescriptors.InvalidOverride, flag.Start, flag.Length, "\"ignore\" must be true or false");
                break;
        }
    }

    private JsonNode? Required(JsonObject owner, string member)
    {
        var found = owner.Find(member);
        if (found is null)
        {
            // Point at the opening brace of the object that lacks the member.
            Report(DiagnosticDescriptors.MissingOrInvalidMember, owner.Start, 1, $"The required member \"{member}\" is missing");
            return null;
        }

        return found.Value;
    }

    private string? RequiredString(JsonObject owner, string member)
    {
        var node = Required(owner, member);
        if (node is JsonString { Value.Length: > 0 } text)
        {
            return text.Value;
        }

        if (node is not null)
        {
            Invalid(node, $"\"{member}\" must be a non-empty string, not {node.Description}");
        }

        return null;
    }

    private int? RequiredInt(JsonObject owner, string member)
    {
        var node = Required(owner, member);
        return node is null ? null : ToInt(node, member);
    }

    private bool? RequiredBool(JsonObject owner, string member)
    {
        var node = Required(owner, member);
        if (node is JsonBoolean flag)
        {
            return flag.Value;
        }

        if (node is not null)
        {
            Invalid(node, $"\"{member}\" must be true or false, not {node.Description}");
        }

        return null;
    }

    private int? OptionalInt(JsonObject owner, string member)
    {
        var node = owner.Find(member)?.Value;
        return node is null or JsonNull ? null : ToInt(node, member);
    }

    private int? ToInt(JsonNode node, string member)
    {
        if (node is JsonNumber number && int.TryParse(number.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
        {
            return value;
        }

        Invalid(node, $"\"{member}\" must be an integer, not {(node is JsonNumber n ? n.Text : node.Description)}");
        return null;
    }

    private string? OptionalString(JsonObject owner, string member)
    {
        var node = owner.Find(member)?.Value;
        switch (node)
        {
            case null or JsonNull:
                return null;
            case JsonString text:
                return text.Value;
            default:
                Invalid(node, $"\"{member}\" must be a string or null, not {node.Description}");
                return null;
        }
    }

    private List<string> OptionalStringArray(JsonObject owner, string member)
    {
        var result = new List<string>();
        var node = owner.Find(member)?.Value;
        if (node is null or JsonNull)
        {
            return result;
        }

        if (node is not JsonArray array)
        {
            Invalid(node, $"\"{member}\" must be an array of column names, not {node.Description}");
            return result;
        }

        foreach (var item in array.Items)
        {
            if (item is JsonString text)
            {
                result.Add(text.Value);
            }
            else
            {
                Invalid(item, $"\"{member}\" must hold column names (strings), not {item.Description}");
            }
        }

        return result;
    }

    private void Invalid(JsonNode node, string message)
        => Report(DiagnosticDescriptors.MissingOrInvalidMember, node.Start, node.Length, message);

    private void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, int start, int length, params string[] arguments)
        => _diagnostics.Add(DiagnosticInfo.Create(descriptor, Location(start, length), arguments));

    private LocationInfo Location(int start, int length) => LocationInfo.Create(_path, _text, start, length);

    private ParseResult Result(TableModel? table, LocationInfo? nameLocation)
        => new(table, nameLocation, new EquatableArray<DiagnosticInfo>(_diagnostics));

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
