using System.Net;
using System.Runtime.CompilerServices;
using RedshiftTyped.Execution;
using RedshiftTyped.Reading;
using RedshiftTyped.Tests.Infrastructure;

namespace RedshiftTyped.Tests.Reading;

/// <summary>
/// A chunked read's chunks over a recorded endpoint: a chunk whose pages stop with a cancellation the read did not ask
/// for (an HttpClient timeout's TaskCanceledException) fails the read as a timeout, in key order and unordered alike,
/// while the caller's own cancellation still reads as a cancellation.
/// </summary>
public sealed class StatementSeriesTests
{
    private const string HttpTimeout = "The request was canceled due to the configured HttpClient.Timeout of 90 seconds elapsing.";

    private static RecordingHandler Finished() => new((r, _) => r.Operation switch
    {
        "ExecuteStatement" => Aws.Ok(Aws.Submitted(Aws.StatementId)),
        "DescribeStatement" => Aws.Ok(Aws.Described(Aws.StatementId, "FINISHED")),
        "CancelStatement" => Aws.Ok("{\"Status\":true}"),
        _ => Aws.Error(HttpStatusCode.BadRequest, "ValidationException", $"unexpected {r.Operation}"),
    });

    /// <summary>Five pages per statement; statement <c>select 2</c> throws <paramref name="failure"/> after its first.</summary>
    private static async IAsyncEnumerable<string> Pages(CompletedStatement statement, Func<Exception>? failure,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (int page = 0; page < 5; page++)
        {
            if (page == 1 && failure is not null && statement.Statement.Sql == "select 2")
            {
                throw failure();
            }

            await Task.Delay(1, cancellationToken);
            yield return $"{statement.Statement.Sql}#{page}";
        }
    }

    [Theory]
    [InlineData(ChunkOrder.KeyOrder)]
    [InlineData(ChunkOrder.Unordered)]
    public async Task A_chunk_cancelled_by_something_other_than_the_read_fails_the_read_as_a_timeout(ChunkOrder order)
    {
        using var client = TestClients.Create(Finished());
        var series = new StatementSeries(client, [new SqlStatement("select 1"), new SqlStatement("select 2"), new SqlStatement("select 3")]);
        var first = await series.RunFirstAsync(CancellationToken.None);

        var error = await Assert.ThrowsAsync<TimeoutException>(async () =>
        {
            await foreach (var _ in series.ReadPagesAsync(first, (s, _, token) => Pages(s, () => new TaskCanceledException(HttpTimeout), token),
                CancellationToken.None, parallelism: 2, order))
            {
            }
        });

        Assert.StartsWith("Reading chunk 2 stopped without the read being cancelled", error.Message);
        Assert.IsType<TaskCanceledException>(error.InnerException);
    }

    [Theory]
    [InlineData(ChunkOrder.KeyOrder)]
    [InlineData(ChunkOrder.Unordered)]
    public async Task The_callers_cancellation_still_reads_as_a_cancellation(ChunkOrder order)
    {
        using var client = TestClients.Create(Finished());
        var series = new StatementSeries(client, [new SqlStatement("select 1"), new SqlStatement("select 2"), new SqlStatement("select 3")]);
        var first = await series.RunFirstAsync(CancellationToken.None);
        using var cancellation = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in series.ReadPagesAsync(first, (s, _, token) => Pages(s, null, token), cancellation.Token, parallelism: 2, order))
            {
                await cancellation.CancelAsync();
            }
        });
    }
}
