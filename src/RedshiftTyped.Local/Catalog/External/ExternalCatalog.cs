using System.Collections.Concurrent;
using RedshiftTyped.Local.Engine;

namespace RedshiftTyped.Local.Catalog.External;

/// <summary>
/// An external schema (CREATE EXTERNAL SCHEMA ... FROM DATA CATALOG; r_CREATE_EXTERNAL_SCHEMA.md): the external
/// database it names and the options svv_external_schemas shows.
/// </summary>
internal sealed record ExternalSchema(string Name, string Database, int Oid, IReadOnlyDictionary<string, string> Options);

/// <summary>The file formats the server reads (r_CREATE_EXTERNAL_TABLE.md, STORED AS and ROW FORMAT SERDE).</summary>
internal enum ExternalFormat
{
    /// <summary>STORED AS PARQUET; columns are matched by name.</summary>
    Parquet,

    /// <summary>STORED AS TEXTFILE with ROW FORMAT DELIMITED (Hive's LazySimpleSerDe).</summary>
    Delimited,

    /// <summary>ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde'.</summary>
    OpenCsv,

    /// <summary>ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe': one JSON object per line.</summary>
    Json,
}

/// <summary>One partition of a partitioned external table: its key values and where its files are.</summary>
internal sealed record ExternalPartition(IReadOnlyList<string> Values, string Location);

/// <summary>
/// An external table: its columns (data columns, then partition columns), where and how its files are stored,
/// its properties, and its partitions. The rows the engine holds for it are reloaded from the files whenever
/// they change (see <see cref="ExternalTableLoader"/>).
/// </summary>
internal sealed class ExternalTable(
    string schema,
    string name,
    IReadOnlyList<CatalogColumn> columns,
    IReadOnlyList<CatalogColumn> partitionColumns,
    ExternalFormat format,
    IReadOnlyDictionary<string, string> serdeProperties)
{
    private readonly object _gate = new();
    private List<ExternalPartition> _partitions = [];
    private string _location = "";
    private IReadOnlyDictionary<string, string> _properties = new Dictionary<string, string>();

    public string Schema => schema;

    public string Name => name;

    /// <summary>The columns stored in the files.</summary>
    public IReadOnlyList<CatalogColumn> Columns => columns;

    /// <summary>PARTITIONED BY columns, whose values come from each partition's definition.</summary>
    public IReadOnlyList<CatalogColumn> PartitionColumns => partitionColumns;

    public ExternalFormat Format { get; set; } = format;

    public IReadOnlyDictionary<string, string> SerdeProperties => serdeProperties;

    /// <summary>The field delimiter of a delimited or CSV file.</summary>
    public char Delimiter { get; init; } = '\u0001';

    /// <summary>The LOCATION as written (s3://bucket/prefix/).</summary>
    public string Location
    {
        get { lock (_gate) return _location; }
        set { lock (_gate) { _location = value; Version++; } }
    }

    /// <summary>TABLE PROPERTIES ('skip.header.line.count', 'serialization.null.format', 'numRows', ...).</summary>
    public IReadOnlyDictionary<string, string> Properties
    {
        get { lock (_gate) return _properties; }
        set { lock (_gate) { _properties = value; Version++; } }
    }

    public IReadOnlyList<ExternalPartition> Partitions
    {
        get { lock (_gate) return [.. _partitions]; }
    }

    /// <summary>Changes with every change of definition, so the next read reloads.</summary>
    public int Version { get; private set; }

    /// <summary>Serialises loads of this table.</summary>
    public object LoadGate { get; } = new();

    /// <summary>What the engine's rows were loaded from (files and definition), or null before the first load.</summary>
    public string? LoadedFrom { get; set; }

    /// <summary>Adds partitions; an existing one is an error unless <paramref name="ifNotExists"/>.</summary>
    public void AddPartitions(IEnumerable<ExternalPartition> partitions, bool ifNotExists)
    {
        lock (_gate)
        {
            var updated = new List<ExternalPartition>(_partitions);
            foreach (var partition in partitions)
            {
                if (updated.Any(p => p.Values.SequenceEqual(partition.Values)))
                {
                    if (ifNotExists) continue;
                    throw new Statements.EngineFailure($"ERROR: partition ({string.Join(", ", partition.Values)}) already exists in {schema}.{name}");
                }

                updated.Add(partition);
            }

            _partitions = updated;
            Version++;
        }
    }

    public void DropPartitions(IEnumerable<IReadOnlyList<string>> values)
    {
        lock (_gate)
        {
            var dropping = values.ToList();
            _partitions = _partitions.Where(p => !dropping.Any(v => v.SequenceEqual(p.Values))).ToList();
            Version++;
        }
    }

    public bool IsPartitioned => partitionColumns.Count > 0;

    /// <summary>Every column, as the engine table holds them: data columns, then partition columns.</summary>
    public IEnumerable<CatalogColumn> AllColumns => columns.Concat(partitionColumns);

    /// <summary>The input/output format and SerDe names svv_external_tables shows for this format.</summary>
    public (string Input, string Output, string Serde) Classes => Format switch
    {
        ExternalFormat.Parquet => ("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
            "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat", "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"),
        ExternalFormat.OpenCsv => ("org.apache.hadoop.mapred.TextInputFormat",
            "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat", "org.apache.hadoop.hive.serde2.OpenCSVSerde"),
        ExternalFormat.Json => ("org.apache.hadoop.mapred.TextInputFormat",
            "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat", "org.openx.data.jsonserde.JsonSerDe"),
        _ => ("org.apache.hadoop.mapred.TextInputFormat",
            "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat", "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe"),
    };
}

/// <summary>The external schemas and tables the server knows. Thread-safe.</summary>
internal sealed class ExternalCatalog
{
    private readonly ConcurrentDictionary<string, ExternalSchema> _schemas = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Schema, string Name), ExternalTable> _tables = new();
    private int _nextOid = 100_133;

    public int NextOid() => Interlocked.Increment(ref _nextOid);

    public void Register(ExternalSchema schema) => _schemas[schema.Name] = schema;

    public ExternalSchema? Schema(string name) => _schemas.GetValueOrDefault(name);

    public IReadOnlyList<ExternalSchema> Schemas => [.. _schemas.Values.OrderBy(s => s.Name, StringComparer.Ordinal)];

    /// <summary>Forgets an external schema and its tables.</summary>
    public void ForgetSchema(string name)
    {
        _schemas.TryRemove(name, out _);
        foreach (var key in _tables.Keys.Where(k => k.Schema == name))
        {
            _tables.TryRemove(key, out _);
        }
    }

    public void Register(ExternalTable table) => _tables[(table.Schema, table.Name)] = table;

    public void Forget(string schema, string name) => _tables.TryRemove((schema, name), out _);

    public ExternalTable? Table(string schema, string name) => _tables.GetValueOrDefault((schema, name));

    public IReadOnlyList<ExternalTable> Tables => [.. _tables.Values.OrderBy(t => t.Schema, StringComparer.Ordinal).ThenBy(t => t.Name, StringComparer.Ordinal)];

    /// <summary>The external tables a name can denote (external tables are always named with their schema).</summary>
    public IEnumerable<ExternalTable> Denoted(TableName name)
        => name.Schema is null ? [] : Table(name.Schema, name.Name) is { } table ? [table] : [];
}
