using RedshiftTyped.Connection;

namespace RedshiftTyped.Tests.Infrastructure;

public static class TestClients
{
    public const string AccessKey = "AKIDEXAMPLE";
    public const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    /// <summary>Valid options with explicit keys and fast retries, pointed at a fake endpoint.</summary>
    public static RedshiftConnectionOptions Options(Action<RedshiftConnectionOptions>? configure = null)
    {
        var options = new RedshiftConnectionOptions
        {
            Region = "us-east-1",
            Database = "dev",
            ClusterIdentifier = "my-cluster",
            AccessKeyId = AccessKey,
            SecretAccessKey = SecretKey,
            Endpoint = "http://127.0.0.1:8790",
            PollInterval = 0.2,
            LongPolling = false,
            Retry = new RedshiftRetryOptions { MaxRetries = 4, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) },
        };
        configure?.Invoke(options);
        return options;
    }

    public static RedshiftClient Create(RecordingHandler handler, Action<RedshiftConnectionOptions>? configure = null)
        => new(Options(configure), httpHandler: handler);
}
