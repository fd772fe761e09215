using System.Globalization;

namespace RedshiftTyped.Tool.Export;

/// <summary>
/// For logs and pipes: one line per table on standard output as it finishes, nothing in between. (The command
/// repeats each failure on standard error at the end, so errors are not printed twice here.)
/// </summary>
internal sealed class PlainSnapshotProgress(TextWriter output) : ISnapshotProgress
{
    private readonly Lock _gate = new();

    public void Started(PipelineTable table, long? totalRows)
    {
    }

    public void Advanced(PipelineTable table, long rows)
    {
    }

    public void Finished(TableOutcome outcome)
    {
        lock (_gate)
        {
            if (outcome.S3Files is { } files)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"ok      {outcome.Table.Source} -> {files.Count} files in S3 ({outcome.Rows} rows, {files.Sum(f => f.Bytes)} bytes, {outcome.Duration.TotalSeconds:0.0} s)"));
            }
            else if (outcome.Result is { } result)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"ok      {outcome.Table.Source} -> {outcome.RelativePath} ({result.Rows} rows, {result.Bytes} bytes, {outcome.Duration.TotalSeconds:0.0} s)"));
            }
            else
            {
                output.WriteLine($"failed  {outcome.Table.Source} -> {outcome.RelativePath}: {outcome.Error}");
            }
        }
    }
}
