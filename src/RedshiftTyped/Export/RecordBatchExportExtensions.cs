using Apache.Arrow;

namespace RedshiftTyped.Export;

/// <summary>Writes a stream of record batches to a file in one call.</summary>
public static class RecordBatchExportExtensions
{
    /// <summary>
    /// Writes every batch to <paramref name="path"/> atomically: on success the file is complete; on an error or a
    /// cancellation nothing is left behind (a previous file at the path is untouched).
    /// </summary>
    /// <param name="batches">The batches, all of <paramref name="schema"/>. Each is disposed once written: a streamed table is
    /// consumed batch by batch, so memory stays at one batch however large the table.</param>
    /// <param name="path">The final file.</param>
    /// <param name="schema">The schema, known up front so an empty stream still gives a valid file.</param>
    /// <param name="format">The file format.</param>
    /// <param name="cancellationToken">Stops the export and discards the temporary file.</param>
    public static async Task<ExportResult> WriteToFileAsync(
        this IAsyncEnumerable<RecordBatch> batches, string path, Schema schema, ExportFormat format, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batches);
        await using var writer = RecordBatchFileWriter.Create(format, path, schema);
        await foreach (var batch in batches.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            using (batch)
            {
                await writer.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
            }
        }

        return await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }
}
