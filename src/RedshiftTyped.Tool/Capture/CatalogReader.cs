using System.Globalization;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Execution;
using RedshiftTyped.Tool.Snapshots;
using RedshiftTyped.Values;

namespace RedshiftTyped.Tool.Capture;

/// <summary>What capture read: the tables, and what it could not read (each a warning, none silent).</summary>
public sealed record CatalogReadResult(IReadOnlyList<TableSnapshot> Tables, IReadOnlyList<string> Warnings);

/// <summary>
/// Reads table schemas through the Data API: ListSchemas, ListTables and DescribeTable (every page) for names,
/// kinds and columns, plus the <see cref="CatalogQueries"/> for keys, comments, distribution, sort keys and the
/// columns of late-binding views and external tables. Catalog queries run concurrently, DescribeTable calls a
/// few at a time; names travel only as request members, never inside SQL.
/// </summary>
public sealed class CatalogReader(RedshiftClient client, int maxConcurrentCalls = 4)
{
    private static readonly HashSet<string> CapturedTypes = new(StringComparer.OrdinalIgnoreCase) { "TABLE", "VIEW", "EXTERNAL TABLE", "MATERIALIZED VIEW" };

    public async Task<CatalogReadResult> ReadAsync(TableSelector selector, Action<string>? onTableRead = null, CancellationToken cancellationToken = default)
    {
        string database = client.Options.Database!;
        var warnings = new List<string>();
        // The catalog queries run while the tables are listed. A selection of no tables (typed queries alone) needs none of
        // their answers: they are let finish (cancelling them would print a cancellation note) and any failure is dropped.
        var extrasTask = CatalogExtras.ReadAsync(client, database, cancellationToken);
        List<TableMember> members;
        try
        {
            members = await ListTablesAsync(selector, cancellationToken);
        }
        catch
        {
            Observe(extrasTask);
            throw;
        }

        if (members.Count == 0)
        {
            await extrasTask.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            return new CatalogReadResult([], warnings);
        }

        var extras = await extrasTask;
        warnings.AddRange(extras.Warnings);

        using var gate = new SemaphoreSlim(maxConcurrentCalls);
        var reads = members.Select(async member =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                var snapshot = await ReadTableAsync(database, member, extras, cancellationToken);
                onTableRead?.Invoke($"{member.Schema}.{member.Name}");
                return snapshot;
            }
            finally
            {
                gate.Release();
            }
        });
        var tables = new List<TableSnapshot>();
        foreach (var snapshot in await Task.WhenAll(reads))
        {
            if (snapshot.Columns.Count == 0)
            {
                warnings.Add($"{snapshot.QualifiedName} ({snapshot.Kind}) has no columns that the catalog reports; it was not captured.");
                continue;
            }

            tables.Add(snapshot);
        }

        tables.Sort((a, b) => string.CompareOrdinal(a.QualifiedName, b.QualifiedName));
        return new CatalogReadResult(tables, warnings);
    }

    private async Task<List<TableMember>> ListTablesAsync(TableSelector selector, CancellationToken cancellationToken)
    {
        var listedSchemas = new List<string>();
        string? token = null;
        do
        {
            var page = await client.DataApi.ListSchemasAsync(client.WithTarget(new ListSchemasRequest { SchemaPattern = "%", NextToken = token }), cancellationToken);
            listedSchemas.AddRange(page.Schemas ?? []);
            token = page.NextToken;
        }
        while (!string.IsNullOrEmpty(token));

        var candidates = new List<TableMember>();
        foreach (string schema in listedSchemas.Where(selector.IncludesSchema).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            token = null;
            do
            {
                // Patterns are LIKE patterns ('_' matches any character), so results are filtered by exact name too.
                var page = await client.DataApi.ListTablesAsync(
                    client.WithTarget(new ListTablesRequest { SchemaPattern = schema, TablePattern = "%", NextToken = token }), cancellationToken);
                candidates.AddRange((page.Tables ?? []).Where(t => t.Schema == schema && t.Name is not null && CapturedTypes.Contains(t.Type ?? "")));
                token = page.NextToken;
            }
            while (!string.IsNullOrEmpty(token));
        }

        // A materialized view keeps its rows in internal tables named mv_tbl__<view>__<n>: not the user's tables.
        var names = candidates.Select(m => (m.Schema!, m.Name!)).ToHashSet();
        candidates.RemoveAll(m => IsMaterializedViewStorage(m, names));
        var members = candidates.Where(t => selector.Includes(t.Schema!, t.Name!)).ToList();
        selector.EnsureMatches(client.Options.Database!, listedSchemas, [.. candidates.Select(t => (t.Schema!, t.Name!))], members.Count);
        return members;
    }

    /// <summary>Catalog queries whose answer is no longer needed: their failure, if any, is observed and dropped.</summary>
    private static void Observe(Task task)
        => _ = task.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

    private static bool IsMaterializedViewStorage(TableMember member, HashSet<(string, string)> names)
    {
        const string Prefix = "mv_tbl__";
        if (!member.Name!.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        int end = member.Name.LastIndexOf("__", StringComparison.Ordinal);
        return end > Prefix.Length && names.Contains((member.Schema!, member.Name[Prefix.Length..end]));
    }

    private async Task<TableSnapshot> ReadTableAsync(string database, TableMember member, CatalogExtras extras, CancellationToken cancellationToken)
    {
        string schema = member.Schema!;
        string name = member.Name!;
        var key = (schema, name);
        var columns = new List<ColumnSnapshot>();
        string? token = null;
        do
        {
            var page = await client.DataApi.DescribeTableAsync(
                client.WithTarget(new DescribeTableRequest { Schema = schema, Table = name, NextToken = token }), cancellationToken);
            foreach (var column in page.ColumnList ?? [])
            {
                columns.Add(ColumnFromMetadata(column, columns.Count + 1, extras.ColumnComment(key, column.Name!)));
            }

            token = page.NextToken;
        }
        while (!string.IsNullOrEmpty(token));

        string kind = Kind(member, extras);
        if (columns.Count == 0 && extras.LateBindingColumns.TryGetValue(key, out var lateBinding))
        {
            kind = "late_binding_view";
            columns.AddRange(lateBinding.Select((c, i) => ColumnFromDeclared(c.Name, i + 1, c.DeclaredType, nullable: true, extras.ColumnComment(key, c.Name))));
        }
        else if (columns.Count == 0 && extras.ExternalColumns.TryGetValue(key, out var external))
        {
            columns.AddRange(external.Select((c, i) => ColumnFromDeclared(c.Name, i + 1, c.DeclaredType, c.Nullable, extras.ColumnComment(key, c.Name))));
        }

        return new TableSnapshot
        {
            Database = database,
            Schema = schema,
            Name = name,
            Kind = kind,
            Comment = extras.TableComments.GetValueOrDefault(key),
            DistStyle = extras.DistStyles.GetValueOrDefault(key) ?? (extras.DistKeys.ContainsKey(key) ? "key" : null),
            DistKey = extras.DistKeys.GetValueOrDefault(key),
            SortKeys = extras.SortKeys.GetValueOrDefault(key) ?? [],
            PrimaryKey = extras.PrimaryKeys.GetValueOrDefault(key) ?? [],
            Columns = columns,
        };
    }

    private static string Kind(TableMember member, CatalogExtras extras)
    {
        var key = (member.Schema!, member.Name!);
        if (extras.MaterializedViews.Contains(key) || string.Equals(member.Type, "MATERIALIZED VIEW", StringComparison.OrdinalIgnoreCase))
        {
            return "materialized_view";
        }

        if (extras.ExternalTables.Contains(key) || string.Equals(member.Type, "EXTERNAL TABLE", StringComparison.OrdinalIgnoreCase))
        {
            return "external_table";
        }

        if (string.Equals(member.Type, "VIEW", StringComparison.OrdinalIgnoreCase))
        {
            return extras.LateBindingColumns.ContainsKey(key) ? "late_binding_view" : "view";
        }

        return "table";
    }

    /// <summary>A DescribeTable column: the type name with its modifiers from length / precision / scale.</summary>
    internal static ColumnSnapshot ColumnFromMetadata(ColumnMetadata column, int ordinal, string? comment)
    {
        string raw = column.TypeName ?? "unknown";
        var type = RedshiftTypeNames.Parse(raw);
        var (modLength, modPrecision, modScale) = Modifiers(raw);
        int? length = HasLength(type) ? Sane(column.Length) ?? modLength : null;
        int? precision = type == RedshiftType.Numeric ? Sane(column.Precision) ?? modPrecision : null;
        int? scale = type == RedshiftType.Numeric ? (precision is null ? null : column.Scale ?? modScale ?? 0) : null;
        return new ColumnSnapshot
        {
            Name = column.Name ?? column.Label ?? $"column{ordinal}",
            Ordinal = ordinal,
            Type = RedshiftTypeNames.DeclaredName(type, length, precision, scale) ?? raw,
            TypeName = RedshiftTypeNames.ShortName(type) ?? raw.ToLowerInvariant(),
            Length = length,
            Precision = precision,
            Scale = scale,
            Nullable = column.Nullable != 0,
            Default = string.IsNullOrEmpty(column.ColumnDefault) ? null : column.ColumnDefault,
            Comment = comment,
        };
    }

    /// <summary>A column known only by its declared type text (late-binding views, external tables).</summary>
    internal static ColumnSnapshot ColumnFromDeclared(string name, int ordinal, string declared, bool nullable, string? comment)
    {
        var type = RedshiftTypeNames.Parse(declared);
        var (length, precision, scale) = Modifiers(declared);
        if (!HasLength(type))
        {
            length = null;
        }

        if (type != RedshiftType.Numeric)
        {
            precision = null;
            scale = null;
        }

        return new ColumnSnapshot
        {
            Name = name,
            Ordinal = ordinal,
            Type = RedshiftTypeNames.DeclaredName(type, length, precision, scale) ?? declared,
            TypeName = RedshiftTypeNames.ShortName(type) ?? declared.ToLowerInvariant(),
            Length = length,
            Precision = precision,
            Scale = precision is null ? null : scale ?? 0,
            Nullable = nullable,
            Comment = comment,
        };
    }

    private static bool HasLength(RedshiftType type) => type is RedshiftType.Char or RedshiftType.VarChar or RedshiftType.VarByte;

    /// <summary>DescribeTable reports 2147483647 (or 0) where a length does not apply.</summary>
    private static int? Sane(int? value) => value is > 0 and < int.MaxValue ? value : null;

    /// <summary>The numbers in a type's parentheses: <c>varchar(256)</c> → 256; <c>numeric(18,2)</c> → 18, 2.</summary>
    internal static (int? First, int? First2, int? Second) Modifiers(string declared)
    {
        int open = declared.IndexOf('(');
        int close = open < 0 ? -1 : declared.IndexOf(')', open);
        if (open < 0 || close < 0)
        {
            return (null, null, null);
        }

        var parts = declared[(open + 1)..close].Split(',', StringSplitOptions.TrimEntries);
        int? first = int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int a) ? a : null;
        int? second = parts.Length > 1 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int b) ? b : null;
        return (first, first, second);
    }
}
