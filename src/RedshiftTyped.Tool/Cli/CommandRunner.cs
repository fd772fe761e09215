using RedshiftTyped.Connection;
using RedshiftTyped.DataApi.Errors;
using RedshiftTyped.Execution;

namespace RedshiftTyped.Tool.Cli;

/// <summary>The command line was wrong in a way the parser cannot see (a malformed name=value, say).</summary>
internal sealed class UsageException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Runs a command's work and turns what can go wrong into one clear line on standard error and an exit code:
/// 2 for usage and configuration mistakes, 1 for failed statements and refused calls, 130 when Ctrl-C or SIGTERM
/// stopped it. No stack traces: even an exception nobody expected is one line (set REDSHIFT_TYPED_DEBUG=1 for its
/// trace); credentials never appear, because no exception message carries them.
/// </summary>
internal static class CommandRunner
{
    /// <summary>Shows the stack trace of an unexpected exception, for a bug report.</summary>
    public const string DebugVariable = "REDSHIFT_TYPED_DEBUG";

    /// <param name="console">Where the error line goes.</param>
    /// <param name="work">The command's work; returns its exit code.</param>
    /// <param name="cancellationToken">The command's token: cancelled by Ctrl-C or SIGTERM.</param>
    /// <param name="failureCode">The exit code for a failed statement or refused call (capture and check use 2, keeping 1 for drift).</param>
    public static async Task<int> RunAsync(ToolConsole console, Func<Task<int>> work, CancellationToken cancellationToken, int failureCode = ExitCodes.Failed)
    {
        try
        {
            return await work();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await console.Error.WriteLineAsync("cancelled.");
            return ExitCodes.Cancelled;
        }
        catch (Exception ex) when (ex is RedshiftConfigurationException or UsageException or ArgumentException or Snapshots.SnapshotFormatException
                                       or Export.PipelineSpecException or Capture.SelectionException)
        {
            await console.Error.WriteLineAsync($"error: {OneLine(UserMessage(ex))}");
            return ExitCodes.Usage;
        }
        catch (Exception ex) when (ex is StatementException or UnexpectedResponseException or Capture.CatalogReadException
                                       or Reading.SchemaDriftException or Typed.RowDecodeException or ResultIntegrityException or TimeoutException)
        {
            await console.Error.WriteLineAsync($"error: {OneLine(ex.Message)}");
            return failureCode;
        }
        catch (AwsServiceException ex)
        {
            await console.Error.WriteLineAsync($"error: {ex.ErrorCode}: {OneLine(ex.Message)} (HTTP {(int)ex.StatusCode}, request id {ex.RequestId ?? "none"})");
            return failureCode;
        }
        catch (Exception ex) when (ex is IOException or System.Text.Json.JsonException)
        {
            // A connection dropped mid-answer, after the retries: say so rather than print a stack trace.
            await console.Error.WriteLineAsync($"error: the connection to the Data API endpoint broke while reading its answer ({OneLine(ex.Message)}). Check the endpoint and the network, then run the command again.");
            return failureCode;
        }
        catch (EndpointUnreachableException ex)
        {
            // Already one line naming the endpoint and what to check.
            await console.Error.WriteLineAsync($"error: {ex.Message}");
            return failureCode;
        }
        catch (HttpRequestException ex)
        {
            await console.Error.WriteLineAsync($"error: could not reach the Data API endpoint: {OneLine(ex.Message)}. Check --endpoint or --region, and that the local server is running if you use one.");
            return failureCode;
        }
        catch (OperationCanceledException)
        {
            // Not the user's cancellation: an HTTP call that timed out.
            await console.Error.WriteLineAsync("error: the Data API endpoint did not answer in time. Check the endpoint and the network, then run the command again.");
            return failureCode;
        }
        catch (Exception ex)
        {
            await console.Error.WriteLineAsync(
                $"error: unexpected {ex.GetType().Name}: {OneLine(ex.Message)}. This is a bug in redshift-typed: please report it with the command you ran " +
                $"({DebugVariable}=1 shows where it happened).");
            if (Environment.GetEnvironmentVariable(DebugVariable) is "1" or "true")
            {
                await console.Error.WriteLineAsync(ex.ToString());
            }

            return failureCode;
        }
    }

    /// <summary>Messages are shown on one line: the SQL and statement id of a statement error follow on their own lines.</summary>
    private static string OneLine(string message)
    {
        // An engine's message quotes the values and SQL it failed on: their control and format characters are escaped
        // as in a table cell, so that nothing from the database reaches the terminal raw on the error path either.
        string[] lines = message.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return Output.TerminalText.Escape(string.Join(" | ", lines));
    }

    /// <summary>
    /// What the user reads of an exception: an <see cref="ArgumentException"/>'s message without the
    /// "(Parameter 'name')" suffix .NET appends, which names a C# parameter the user never saw.
    /// </summary>
    internal static string UserMessage(Exception ex) => ex is ArgumentException { ParamName: { } parameter } argument
        ? argument.Message.Replace($" (Parameter '{parameter}')", string.Empty, StringComparison.Ordinal)
        : ex.Message;
}
