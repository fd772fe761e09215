using System.Globalization;

namespace RedshiftTyped.Tool.Export;

/// <summary>For logs and pipes: one line per table as it finishes, nothing in between.</summary>
internal sealed class PlainSnapshotProgress(TextWriter output, TextWriter error) : ISnapshotProgress
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
            if (outcome.Result is { } result)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"ok      {outcome.Table.Source} -> {outcome.RelativePath} ({result.Rows} rows, {result.Bytes} bytes, {outcome.Duration.TotalSeconds:0.0} s)"));
            }
            else
            {
                error.WriteLine($"failed  {outcome.Table.Source} -> {outcome.Table.Destination}: {outcome.Error}");
            }
        }
    }
}
