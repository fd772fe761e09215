using System;
using System.Collections.Generic;
using System.Linq;
using RedshiftTyped.Generator.Emit;
using RedshiftTyped.Generator.Model;

namespace RedshiftTyped.Generator.Naming;

/// <summary>The C# names chosen for one table: where its record lives and how the entry point reaches it.</summary>
internal sealed record TableNaming(
    TableKey Key,
    string Namespace,
    string RecordName,
    string DatabaseClass,
    string SchemaClass,
    string EntryProperty,
    string? DuplicateOf,
    string? CollidedRecordName,
    string HintName,
    string DatabaseHintName);

/// <summary>
/// Names across tables, decided together because they can collide: two schemas or tables whose names differ only in
/// characters C# drops or in case, or a table described by two files. Built from <see cref="TableKey"/>s only, so a
/// column edit leaves the plan equal. Visits tables in a fixed order (database, schema, name, path; ordinal) so the
/// outcome never depends on the order the compiler hands files over.
/// </summary>
internal sealed record NamingPlan(EquatableArray<TableNaming> Tables)
{
    /// <summary>Static members every class inherits from object; a nested member of that name would hide them.</summary>
    private static readonly string[] ObjectMembers = ["Equals", "ReferenceEquals", "GetHashCode", "GetType", "ToString", "MemberwiseClone", "Finalize"];

    public static NamingPlan Build(IEnumerable<TableKey> keys, GeneratorOptions options)
    {
        var ordered = keys.ToList();
        ordered.Sort(Compare);

        var databaseSegments = new Dictionary<string, string>(StringComparer.Ordinal);
        var takenDatabaseSegments = new HashSet<string>(StringComparer.Ordinal);
        var schemaSegments = new Dictionary<(string, string), string>();
        var takenSchemaSegments = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var takenRecordNames = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var takenEntryProperties = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var firstFileByTable = new Dictionary<(string, string, string), string>();

        // Hint names are compared ignoring case (they become file names), so Events and events need distinct ones.
        var takenHintNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var databaseHintNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var result = new List<TableNaming>();

        foreach (var key in ordered)
        {
            if (!databaseSegments.TryGetValue(key.Database, out string? databaseSegment))
            {
                databaseSegment = Identifiers.Unique(Identifiers.Create(key.Database, options.Naming, "Database"), takenDatabaseSegments);
                databaseSegments.Add(key.Database, databaseSegment);

                // The entry class sits next to the schema namespaces, so a schema may not take its name; schema classes
                // nest in it, so they may not hide an object member (CS0108) either.
                takenSchemaSegments.Add(databaseSegment, new HashSet<string>(ObjectMembers, StringComparer.Ordinal) { databaseSegment + "Database" });
            }

            if (!schemaSegments.TryGetValue((key.Database, key.Schema), out string? schemaSegment))
            {
                schemaSegment = Identifiers.Unique(Identifiers.Create(key.Schema, options.Naming, "Schema"), takenSchemaSegments[databaseSegment]);
                schemaSegments.Add((key.Database, key.Schema), schemaSegment);
            }

            string ns = Qualify(options.RootNamespace, databaseSegment, schemaSegment);
            string databaseClass = databaseSegment + "Database";
            if (!databaseHintNames.TryGetValue(key.Database, out string? databaseHint))
            {
                string parent = ns.Substring(0, ns.LastIndexOf('.'));
                databaseHint = HintNames.Unique(parent + "." + databaseClass, takenHintNames);
                databaseHintNames.Add(key.Database, databaseHint);
            }

            var tableId = (key.Database, key.Schema, key.Name);
            if (firstFileByTable.TryGetValue(tableId, out string? firstFile))
            {
                result.Add(new TableNaming(key, ns, string.Empty, databaseClass, schemaSegment, string.Empty, firstFile, null, string.Empty, databaseHint));
                continue;
            }

            firstFileByTable.Add(tableId, key.FilePath);
            if (!takenRecordNames.TryGetValue(ns, out var taken))
            {
                // A record may not share the name of a member it declares (CS0542): the class nested in every record,
                // and the members the compiler synthesises for records.
                taken = new HashSet<string>(StringComparer.Ordinal) { "RedshiftTable", "Equals", "GetHashCode", "ToString", "PrintMembers", "EqualityContract" };
                takenRecordNames.Add(ns, taken);
            }

            if (!takenEntryProperties.TryGetValue(ns, out var takenProperties))
            {
                // A property of the schema class may not share the class's name (CS0542) or hide an object member (CS0108).
                takenProperties = new HashSet<string>(ObjectMembers, StringComparer.Ordinal) { schemaSegment };
                takenEntryProperties.Add(ns, takenProperties);
            }

            string proposed = key.RecordNameOverride ?? Identifiers.Create(key.Name, options.Naming, "Table");
            string recordName = Identifiers.Unique(proposed, taken);
            string entryProperty = Identifiers.Unique(recordName, takenProperties);
            result.Add(new TableNaming(
                key,
                ns,
                recordName,
                databaseClass,
                schemaSegment,
                entryProperty,
                null,
                recordName == proposed ? null : proposed,
                HintNames.Unique(ns + "." + recordName, takenHintNames),
                databaseHint));
        }

        return new NamingPlan(new EquatableArray<TableNaming>(result));
    }

    /// <summary>The naming of one table; a binary search, since <see cref="Tables"/> is in <see cref="Compare"/> order.</summary>
    public TableNaming? Find(TableKey key)
    {
        int low = 0;
        int high = Tables.Count - 1;
        while (low <= high)
        {
            int middle = low + ((high - low) / 2);
            int order = Compare(Tables[middle].Key, key);
            if (order == 0)
            {
                return Tables[middle].Key == key ? Tables[middle] : null;
            }

            if (order < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return null;
    }

    /// <summary>The order tables are named in: database, schema, name, then file path (ordinal).</summary>
    internal static int Compare(TableKey left, TableKey right)
    {
        int order = string.CompareOrdinal(left.Database, right.Database);
        order = order != 0 ? order : string.CompareOrdinal(left.Schema, right.Schema);
        order = order != 0 ? order : string.CompareOrdinal(left.Name, right.Name);
        return order != 0 ? order : string.CompareOrdinal(left.FilePath, right.FilePath);
    }

    private static string Qualify(string root, string database, string schema)
    {
        // Namespace segments are escaped where they are keywords; Identifiers.Create never yields a dotted name.
        string prefix = string.IsNullOrEmpty(root) ? string.Empty : root + ".";
        return prefix + Identifiers.Escape(database) + "." + Identifiers.Escape(schema);
    }
}
