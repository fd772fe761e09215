namespace RedshiftTyped.Tool.Cli;

/// <summary>
/// Where a command writes and what it connects through. Tests give their own writers and HTTP handler;
/// the real tool uses the process's standard streams and the network.
/// </summary>
internal sealed class ToolConsole(TextWriter output, TextWriter error, HttpMessageHandler? httpHandler = null,
    Microsoft.Extensions.Logging.ILoggerFactory? logs = null)
{
    public static ToolConsole Standard { get; } = new(Console.Out, Console.Error);

    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>The handler the client sends through; null for the real network.</summary>
    public HttpMessageHandler? HttpHandler { get; } = httpHandler;

    /// <summary>
    /// A client for <paramref name="options"/> that sends through <see cref="HttpHandler"/> and shows its notices on
    /// <see cref="Error"/> (or logs to the factory a test gave, to count retries, say).
    /// </summary>
    public RedshiftClient CreateClient(Connection.RedshiftConnectionOptions options)
        => new(options, logs ?? new NoticeLoggerFactory(Error), HttpHandler);

    /// <summary>True when output goes to a person's terminal rather than a file or pipe.</summary>
    public bool IsInteractive => ReferenceEquals(Out, Console.Out) && !Console.IsOutputRedirected;
}
