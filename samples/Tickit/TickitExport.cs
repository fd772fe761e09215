using System.Diagnostics;
using RedshiftTyped;
using RedshiftTyped.Export;
using Tickit.Queries;
using Tickit.Tickit;

namespace Tickit;

/// <summary>
/// Writes Parquet files two ways: a whole-table snapshot (typed rows of <c>sales</c> become Arrow record batches with
/// the generated schema and stream into the file batch by batch, so memory stays flat however large the table), and a
/// typed query's answer. Each file appears only once complete.
/// </summary>
internal sealed class TickitExport(RedshiftClient client)
{
    public async Task WriteAsync(string directory)
    {
        Directory.CreateDirectory(directory);
        Console.WriteLine();
        Console.WriteLine($"Parquet files in {Path.GetFullPath(directory)}");

        var clock = Stopwatch.StartNew();
        var sales = TickitDatabase.Public.Sales;
        Report("sales.parquet", await client.SnapshotBatchesAsync(sales)
            .WriteToFileAsync(Path.Combine(directory, "sales.parquet"), sales.ArrowSchema, ExportFormat.Parquet), clock);

        clock.Restart();
        var revenue = TickitQueries.RevenueByCategory;
        Report("revenue_by_category.parquet", await client.QueryBatchesAsync(revenue)
            .WriteToFileAsync(Path.Combine(directory, "revenue_by_category.parquet"), revenue.ArrowSchema, ExportFormat.Parquet), clock);
    }

    private static void Report(string file, ExportResult result, Stopwatch clock)
        => Console.WriteLine($"  {file,-28} {result.Rows,8:N0} rows {result.Bytes,12:N0} bytes  {clock.ElapsedMilliseconds,6:N0} ms  sha256 {result.Sha256[..12]}…");
}
