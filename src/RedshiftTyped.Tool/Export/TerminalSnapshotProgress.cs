using System.Collections.Concurrent;
using Spectre.Console;

namespace RedshiftTyped.Tool.Export;

/// <summary>
/// For a person at a terminal: a Spectre.Console progress bar per table, sized by the row count the Data API
/// announces (indeterminate until then), marked done or failed as each table ends.
/// </summary>
internal sealed class TerminalSnapshotProgress : ISnapshotProgress
{
    private readonly ConcurrentDictionary<PipelineTable, ProgressTask> _tasks = new();

    private TerminalSnapshotProgress()
    {
    }

    /// <summary>Runs <paramref name="work"/> under a live progress display with one (pending) bar per table.</summary>
    public static Task<T> RunAsync<T>(IReadOnlyList<PipelineTable> tables, Func<ISnapshotProgress, Task<T>> work)
        => AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var progress = new TerminalSnapshotProgress();
                foreach (var table in tables)
                {
                    var task = context.AddTask(Markup.Escape(table.Source.ToString()), autoStart: false);
                    task.IsIndeterminate = true;
                    progress._tasks[table] = task;
                }

                return await work(progress);
            });

    public void Started(PipelineTable table, long? totalRows)
    {
        var task = _tasks[table];
        if (totalRows is > 0)
        {
            task.MaxValue = totalRows.Value;
            task.IsIndeterminate = false;
        }

        task.StartTask();
    }

    public void Advanced(PipelineTable table, long rows)
    {
        var task = _tasks[table];
        if (!task.IsIndeterminate)
        {
            task.Value = Math.Min(rows, task.MaxValue);
        }
    }

    public void Finished(TableOutcome outcome)
    {
        var task = _tasks[outcome.Table];
        string name = Markup.Escape(outcome.Table.Source.ToString());
        if (outcome.S3Files is { } files)
        {
            task.Description = $"[green]ok[/] {name} ({outcome.Rows:N0} rows in {files.Count} files in S3)";
        }
        else if (outcome.Result is { } result)
        {
            task.Description = $"[green]ok[/] {name} ({result.Rows:N0} rows)";
        }
        else
        {
            task.Description = $"[red]failed[/] {name}: {Markup.Escape(outcome.Error ?? "")}";
        }

        task.IsIndeterminate = false;
        if (outcome.Ok)
        {
            task.MaxValue = Math.Max(task.MaxValue, 1);
            task.Value = task.MaxValue;
        }

        task.StopTask();
    }
}
