using System.Diagnostics;
using System.Net;
using RedshiftTyped.DataApi.Errors;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.DataApi.Transport;
using RedshiftTyped.Execution;
using RedshiftTyped.Tests.Infrastructure;

namespace RedshiftTyped.Tests.Wire;

public sealed class RetryTests
{
    [Fact]
    public async Task Throttling_is_retried_until_success()
    {
        var handler = new RecordingHandler((_, i) => i < 3 ? Aws.Throttled() : Aws.Ok("{\"Databases\":[\"dev\"]}"));
        using var client = TestClients.Create(handler);

        var result = await client.DataApi.ListDatabasesAsync(client.WithTarget(new ListDatabasesRequest()));

        Assert.Equal(["dev"], result.Databases!);
        Assert.Equal(4, handler.Requests.Count);
        // Each attempt is signed afresh.
        Assert.All(handler.Requests, r => Assert.StartsWith("AWS4-HMAC-SHA256", r.Header("Authorization")));
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, "InternalServerException")]
    [InlineData(HttpStatusCode.ServiceUnavailable, "ServiceUnavailable")]
    [InlineData(HttpStatusCode.TooManyRequests, "TooManyRequestsException")]
    public async Task Server_faults_and_429_are_retried(HttpStatusCode status, string type)
    {
        var handler = new RecordingHandler((_, i) => i == 0 ? Aws.Error(status, type, "try again") : Aws.Ok("{\"Schemas\":[\"public\"]}"));
        using var client = TestClients.Create(handler);

        var result = await client.DataApi.ListSchemasAsync(client.WithTarget(new ListSchemasRequest()));

        Assert.Equal(["public"], result.Schemas!);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task A_dropped_connection_is_retried()
    {
        var handler = new RecordingHandler((_, i) => i == 0
            ? throw new HttpRequestException("The response ended prematurely.", new IOException("connection reset"))
            : Aws.Ok("{\"Schemas\":[\"public\"]}"));
        using var client = TestClients.Create(handler);

        var result = await client.DataApi.ListSchemasAsync(client.WithTarget(new ListSchemasRequest()));

        Assert.Equal(["public"], result.Schemas!);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Theory]
    [InlineData("ValidationException")]
    [InlineData("AccessDeniedException")]
    [InlineData("UnrecognizedClientException")]
    [InlineData("InvalidSignatureException")]
    [InlineData("ResourceNotFoundException")]
    public async Task Client_errors_are_never_retried(string type)
    {
        var handler = new RecordingHandler((_, _) => Aws.Error(HttpStatusCode.BadRequest, type, "no"));
        using var client = TestClients.Create(handler);

        await Assert.ThrowsAnyAsync<AwsServiceException>(() => client.DataApi.ListSchemasAsync(client.WithTarget(new ListSchemasRequest())));

        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Retries_are_bounded_and_the_last_error_surfaces()
    {
        var handler = new RecordingHandler((_, _) => Aws.Throttled());
        using var client = TestClients.Create(handler, o => o.Retry.MaxRetries = 3);

        var ex = await Assert.ThrowsAsync<ThrottlingException>(() => client.DataApi.ListSchemasAsync(client.WithTarget(new ListSchemasRequest())));

        Assert.Equal("Rate exceeded", ex.Message);
        Assert.Equal(4, handler.Requests.Count);
    }

    [Fact]
    public async Task An_http_timeout_on_every_attempt_is_a_timeout_not_a_cancellation()
    {
        // HttpClient's timeout surfaces as a TaskCanceledException the caller never asked for. After the last retry it
        // escaped as such, and a caller's catch (OperationCanceledException) took the failed call for its own cancellation.
        var handler = new RecordingHandler((_, _) => throw new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 90 seconds elapsing.", new TimeoutException()));
        using var client = TestClients.Create(handler, o => o.Retry.MaxRetries = 2);

        var ex = await Assert.ThrowsAsync<TimeoutException>(() => client.DataApi.ListSchemasAsync(client.WithTarget(new ListSchemasRequest())));

        Assert.StartsWith("RedshiftData.ListSchemas got no answer within the HTTP timeout", ex.Message);
        Assert.Contains("on any of its 3 attempts", ex.Message);
        Assert.Contains("raise retry.attempt_timeout", ex.Message);
        Connection.ReadmeMessageTable.AssertListed($"{nameof(TimeoutException)}: {ex.Message}");
        Assert.DoesNotContain('\n', ex.Message);
        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task The_attempt_timeout_is_the_http_timeout_of_each_attempt()
    {
        // The HTTP timeout was a fixed 90 s: an endpoint that never answers could not be given up on sooner per attempt.
        using var never = new NeverAnswers();
        using var client = new RedshiftClient(TestClients.Options(o =>
        {
            o.Retry.MaxRetries = 1;
            o.Retry.AttemptTimeout = TimeSpan.FromMilliseconds(300);
        }), httpHandler: never);

        var ex = await Assert.ThrowsAsync<TimeoutException>(() => client.DataApi.ListSchemasAsync(client.WithTarget(new ListSchemasRequest())));

        Assert.StartsWith("RedshiftData.ListSchemas got no answer within the HTTP timeout (00:00:00.3000000) on any of its 2 attempts", ex.Message);
        Assert.Contains("raise retry.attempt_timeout", ex.Message);
        Assert.Equal(2, never.Attempts);
    }

    /// <summary>An endpoint that accepts each request and never answers it.</summary>
    private sealed class NeverAnswers : HttpMessageHandler
    {
        private int _attempts;

        public int Attempts => Volatile.Read(ref _attempts);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _attempts);
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }

    [Fact]
    public async Task A_retried_submit_carries_the_same_ClientToken()
    {
        var handler = new RecordingHandler((r, i) => r.Operation switch
        {
            "ExecuteStatement" when i < 2 => Aws.Error(HttpStatusCode.InternalServerError, "InternalServerException", "oops"),
            "ExecuteStatement" => Aws.Ok(Aws.Submitted(Aws.StatementId)),
            _ => Aws.Ok(Aws.Described(Aws.StatementId, "FINISHED", hasResultSet: false)),
        });
        using var client = TestClients.Create(handler);

        var done = await client.ExecuteAsync("delete from t");

        var submits = handler.Calls("ExecuteStatement").ToList();
        Assert.Equal(3, submits.Count);
        string? token = (string?)submits[0].Json["ClientToken"];
        Assert.False(string.IsNullOrEmpty(token));
        Assert.All(submits, s => Assert.Equal(token, (string?)s.Json["ClientToken"]));
        Assert.Equal(2, done.Retries);
    }

    [Fact]
    public async Task The_total_timeout_ends_a_call_whose_attempt_hangs()
    {
        using var client = new RedshiftClient(TestClients.Options(o =>
        {
            o.Retry.MaxRetries = 2;
            o.Retry.TotalTimeout = TimeSpan.FromMilliseconds(300);
        }), httpHandler: new HangingHandler());

        var ex = await Assert.ThrowsAsync<TimeoutException>(() => client.DataApi.ListSchemasAsync(client.WithTarget(new ListSchemasRequest())));

        Assert.Equal("RedshiftData.ListSchemas did not succeed within 00:00:00.3000000 across its retries; raise retry.total_timeout or check the endpoint.", ex.Message);
        Connection.ReadmeMessageTable.AssertListed($"{nameof(TimeoutException)}: {ex.Message}");
        Assert.IsAssignableFrom<OperationCanceledException>(ex.InnerException);
    }

    [Fact]
    public async Task The_total_timeout_also_bounds_the_retries()
    {
        // The first attempt fails fast and retryably: the budget runs out in the retries (Polly's backoff), not in an attempt.
        var handler = new RecordingHandler((_, _) => Aws.Throttled());
        using var client = TestClients.Create(handler, o =>
        {
            o.Retry.MaxRetries = 100;
            o.Retry.BaseDelay = o.Retry.MaxDelay = TimeSpan.FromMilliseconds(40);
            o.Retry.TotalTimeout = TimeSpan.FromMilliseconds(400);
        });

        var ex = await Assert.ThrowsAsync<TimeoutException>(() => client.DataApi.ListSchemasAsync(client.WithTarget(new ListSchemasRequest())));

        Assert.StartsWith("RedshiftData.ListSchemas did not succeed within 00:00:00.4000000 across its retries", ex.Message);
        Assert.InRange(handler.Requests.Count, 2, 100);
    }

    [Fact]
    public async Task A_retry_at_the_longest_delay_waits_rather_than_throwing()
    {
        // The bound is the wait's own: Polly waits with Task.Delay(delay, timeProvider, token), which refuses a millisecond more.
        var bound = global::RedshiftTyped.Connection.ConnectionOptionsValidator.MaxRetryDelay;
        Assert.Throws<ArgumentOutOfRangeException>(() => { _ = Task.Delay(bound + TimeSpan.FromMilliseconds(1), TimeProvider.System, CancellationToken.None); });

        // At the bound, a retry waits (full jitter: up to the bound) until the call's budget ends it.
        var handler = new RecordingHandler((_, _) => Aws.Throttled());
        using var client = TestClients.Create(handler, o =>
        {
            o.Retry.BaseDelay = o.Retry.MaxDelay = bound;
            o.Retry.TotalTimeout = TimeSpan.FromMilliseconds(300);
        });

        var ex = await Assert.ThrowsAsync<TimeoutException>(() => client.DataApi.ListSchemasAsync(client.WithTarget(new ListSchemasRequest())));

        Assert.StartsWith("RedshiftData.ListSchemas did not succeed within 00:00:00.3000000 across its retries", ex.Message);
    }

    [Fact]
    public async Task A_callers_cancellation_surfaces_as_a_cancellation_carrying_the_callers_token()
    {
        using var client = new RedshiftClient(TestClients.Options(), httpHandler: new HangingHandler());
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => client.DataApi.ListSchemasAsync(client.WithTarget(new ListSchemasRequest()), cts.Token));

        Assert.Equal(cts.Token, ex.CancellationToken);
    }

    [Fact]
    public async Task A_call_cancelled_before_it_starts_sends_nothing()
    {
        var handler = new RecordingHandler((_, _) => Aws.Ok("{\"Schemas\":[]}"));
        using var client = TestClients.Create(handler);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => client.DataApi.ListSchemasAsync(client.WithTarget(new ListSchemasRequest()), new CancellationToken(canceled: true)));

        Assert.Empty(handler.Requests);
    }

    /// <summary>An endpoint that never answers: each request waits until it is cancelled.</summary>
    private sealed class HangingHandler : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new UnreachableException();
        }
    }

    [Fact]
    public void Full_jitter_stays_within_the_exponential_ceiling()
    {
        var baseDelay = TimeSpan.FromMilliseconds(100);
        var max = TimeSpan.FromSeconds(2);
        for (int attempt = 0; attempt < 10; attempt++)
        {
            double ceiling = Math.Min(max.TotalMilliseconds, 100 * Math.Pow(2, attempt));
            var delays = Enumerable.Range(0, 200).Select(_ => RetryPipelineFactory.FullJitter(baseDelay, max, attempt).TotalMilliseconds).ToList();
            Assert.All(delays, d => Assert.InRange(d, 0, ceiling));
            // Full jitter spreads over the whole range rather than clustering at the ceiling.
            Assert.True(delays.Min() < ceiling * 0.25 && delays.Max() > ceiling * 0.75, $"attempt {attempt}: {delays.Min()}..{delays.Max()} of {ceiling}");
        }
    }
}
