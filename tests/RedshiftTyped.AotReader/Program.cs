using System.Globalization;
using System.Security.Cryptography;
using RedshiftTyped;
using RedshiftTyped.AotReader.Tickit;
using RedshiftTyped.Connection;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Export;
using RedshiftTyped.Reading;

// A Native AOT reader: `CASE ENDPOINT ROWS` reads the sales table once and prints the figures the client-memory harness
// reads (ClientMemoryHarness's RT_MEMORY line: allocated bytes, then gen0/gen1/gen2 collections; and for typed-parquet an
// RT_FILE line, the written file's SHA-256).
if (args is ["--help"] or ["-h"] or [])
{
    Console.WriteLine("Usage: RedshiftTyped.AotReader CASE ENDPOINT ROWS   (CASE: typed, typed-csv, untyped, untyped-csv, typed-parquet, parquet-types, baseline)");
    Console.WriteLine("Reads public.sales from a local Data API server and prints 'RT_MEMORY <allocated bytes> <gen0> <gen1> <gen2>'");
    Console.WriteLine("(typed-parquet: the chunked read to a Parquet file, and 'RT_FILE <SHA-256 of the file>').");
    return args.Length == 0 ? 2 : 0;
}

if (args.Length != 3 || !int.TryParse(args[2], NumberStyles.None, CultureInfo.InvariantCulture, out int rows))
{
    Console.Error.WriteLine("Give CASE ENDPOINT ROWS, e.g. 'typed http://127.0.0.1:8790 100000' (--help lists the cases).");
    return 2;
}

string name = args[0];
var endpoint = new Uri(args[1]);
if (!endpoint.IsLoopback)
{
    Console.Error.WriteLine($"'{args[1]}' is not a local server: this reader signs with the local server's keys; give a loopback endpoint.");
    return 2;
}

// The local server's defaults (RedshiftTyped.Local.LocalServerDefaults), written out: that assembly brings DuckDB and
// ASP.NET Core, which a Native AOT reader does not reference.
using var client = new RedshiftClient(new RedshiftConnectionOptions
{
    Endpoint = args[1], PollInterval = 0.05, Region = "us-east-1", Database = "dev", ClusterIdentifier = "local",
    AccessKeyId = "local", SecretAccessKey = "local",
});
long read = 0;
long sum = 0;
long checksum = 0;
string? fileHash = null;
try
{
    switch (name)
    {
        case "typed":
        case "typed-csv":
            await foreach (var sale in client.SnapshotAsync(TickitDatabase.Public.Sales, new SnapshotOptions { ResultFormat = Format(name) }))
            {
                read++;
                sum += sale.Qtysold;
            }

            break;
        case "untyped":
        case "untyped-csv":
            // Every value, through the typed accessors (no boxing), as the JIT child reads them.
            await foreach (var row in client.SnapshotAsync(TableReference.Parse("public.sales"), new SnapshotOptions { ResultFormat = Format(name) }))
            {
                checksum += row.GetInt32(0) + row.GetInt32(1) + row.GetInt32(2) + row.GetInt32(3) + row.GetInt32(4) + row.GetInt16(5) + row.GetInt16(6);
                checksum += (long)((row.IsNull(7) ? 0 : row.GetDecimal(7)) + (row.IsNull(8) ? 0 : row.GetDecimal(8)));
                checksum += row.IsNull(9) ? 0 : row.GetDateTime(9).Ticks & 1;
                read++;
                sum += row.GetInt16(6);
            }

            break;
        case "typed-parquet":
            // The chunked read to Parquet, as the JIT child does it: CSV pages, a million rows per statement (half the
            // table below two million; RT_MEMORY_CHUNKS=N: N chunks at every size, as the JIT child), in key order, through the Parquet export (row groups of ParquetRowGroupSize.Default).
            string output = Path.Combine(Path.GetTempPath(), $"rt-aot-memory-{Environment.ProcessId}.parquet");
            try
            {
                var options = new SnapshotOptions { ResultFormat = ResultFormatString.CSV, ChunkRows = ChunkRowsFor(rows) }.OrderBy("salesid");
                var result = await client.SnapshotBatchesAsync(TickitDatabase.Public.Sales, options)
                    .WriteToFileAsync(output, TickitDatabase.Public.Sales.ArrowSchema, ExportFormat.Parquet);
                read = result.Rows;
                // The file's SHA-256: the harness compares it with the JIT child's, byte for byte the same file.
                await using (var file = File.OpenRead(output))
                {
                    fileHash = Convert.ToHexStringLower(await SHA256.HashDataAsync(file));
                }
            }
            finally
            {
                File.Delete(output);
            }

            break;
        case "parquet-types":
            // Parquet.Net's DataField (every schema our export writes and every UNLOAD file's schema Parquet.Net reads) makes
            // Nullable<T> of its CLR type with Type.MakeGenericType, which Native AOT can do only for an instantiation compiled
            // into the executable (the IL3050 the reader's csproj lets through). Every CLR type Parquet.Net maps a column to,
            // nullable and required: a type that cannot be made throws here, and the harness fails.
            foreach (var type in ParquetClrTypes)
            {
                var nullable = new Parquet.Schema.DataField("c", type, isNullable: true);
                var required = new Parquet.Schema.DataField("c", type, isNullable: false);
                if (Nullable.GetUnderlyingType(nullable.ClrNullableIfHasNullsType) != nullable.ClrType || required.ClrNullableIfHasNullsType != required.ClrType)
                {
                    Console.Error.WriteLine($"parquet-types: DataField of {type.Name} is {nullable.ClrNullableIfHasNullsType.Name} nullable, {required.ClrNullableIfHasNullsType.Name} required.");
                    return 1;
                }

            }

            read = rows; // a check, not a read: ROWS is the harness's 1
            break;
        case "baseline":
            // The floor: the runtime, the client and one small statement.
            await foreach (var row in client.QueryAsync("select 1"))
            {
                read = rows;
                sum = row.GetInt32(0);
            }

            break;
        default:
            Console.Error.WriteLine($"Unknown case '{name}': give typed, typed-csv, untyped, untyped-csv, typed-parquet, parquet-types or baseline.");
            return 2;
    }
}
catch (Exception e)
{
    // One line, as the library's errors are written to be read (the harness shows it), not a stack trace.
    Console.Error.WriteLine($"{name}: {e.GetType().Name}: {e.Message}");
    return 1;
}

if (read != rows)
{
    Console.Error.WriteLine($"Read {read} rows of {rows}.");
    return 1;
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RT_RESULT rows {read} sum(qtysold) {sum} checksum {checksum}"));
if (fileHash is not null)
{
    Console.WriteLine($"RT_FILE {fileHash}");
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"RT_MEMORY {GC.GetTotalAllocatedBytes(precise: true)} {GC.CollectionCount(0)} {GC.CollectionCount(1)} {GC.CollectionCount(2)}"));
return 0;

// As ClientMemoryHarness.ChunkRowsFor: a million rows a chunk (half the table below two million), or RT_MEMORY_CHUNKS chunks.
static int ChunkRowsFor(int rows)
    => int.TryParse(Environment.GetEnvironmentVariable("RT_MEMORY_CHUNKS"), System.Globalization.CultureInfo.InvariantCulture, out int chunks) && chunks > 0
        ? Math.Max(1, (rows + chunks - 1) / chunks)
        : Math.Min(1_000_000, Math.Max(1, rows / 2));

static ResultFormatString Format(string name) => name.EndsWith("-csv", StringComparison.Ordinal) ? ResultFormatString.CSV : ResultFormatString.JSON;

/// <summary>Parquet.Net 6.1's column types (DataField's physical types, and the string, byte[] and TimeOnly it maps to them).</summary>
internal partial class Program
{
    private static readonly Type[] ParquetClrTypes =
    [
        typeof(bool), typeof(byte), typeof(sbyte), typeof(short), typeof(ushort), typeof(int), typeof(uint), typeof(long), typeof(ulong),
        typeof(float), typeof(double), typeof(decimal), typeof(Parquet.Data.BigDecimal), typeof(System.Numerics.BigInteger),
        typeof(DateTime), typeof(DateOnly), typeof(TimeOnly), typeof(Parquet.File.Values.Primitives.Interval), typeof(Guid),
        typeof(string), typeof(byte[]), typeof(ReadOnlyMemory<char>), typeof(ReadOnlyMemory<byte>),
    ];
}

