using System.Diagnostics;
using RedshiftTyped;
using RedshiftTyped.Export;
using RedshiftTyped.Typed;
using Tickit.Tickit;

namespace Tickit;

/// <summary>
/// Writes a Parquet snapshot of every TICKIT table: typed rows become Arrow record batches with the generated schema
/// (decimal precision, timestamps, dates) and stream into the file batch by batch, so memory stays flat however
/// large the table; each file appears only once complete.
/// </summary>
internal sealed class TickitExport(RedshiftClient client)
{
    public async Task WriteEveryTableAsync(string directory)
    {
        Directory.CreateDirectory(directory);
        Console.WriteLine();
        Console.WriteLine($"Parquet snapshots in {Path.GetFullPath(directory)}");
        await WriteAsync(TickitDatabase.Public.Category, directory);
        await WriteAsync(TickitDatabase.Public.Date, directory);
        await WriteAsync(TickitDatabase.Public.Event, directory);
        await WriteAsync(TickitDatabase.Public.Listing, directory);
        await WriteAsync(TickitDatabase.Public.Sales, directory);
        await WriteAsync(TickitDatabase.Public.Users, directory);
        await WriteAsync(TickitDatabase.Public.Venue, directory);
    }

    private async Task WriteAsync<TRecord>(TableDescriptor<TRecord> table, string directory)
    {
        var clock = Stopwatch.StartNew();
        var result = await client.SnapshotBatchesAsync(table)
            .WriteToFileAsync(Path.Combine(directory, table.Name + ".parquet"), table.ArrowSchema, ExportFormat.Parquet);
        Console.WriteLine($"  {table.Name + ".parquet",-16} {result.Rows,8:N0} rows {result.Bytes,12:N0} bytes  {clock.ElapsedMilliseconds,6:N0} ms  sha256 {result.Sha256[..12]}…");
    }
}
