using RedshiftTyped.Connection;
using RedshiftTyped.DataApi.Errors;
using RedshiftTyped.Execution;

namespace RedshiftTyped.Tool.Cli;

/// <summary>The command line was wrong in a way the parser cannot see (a malformed name=value, say).</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>
/// Runs a command's work and turns what can go wrong into one clear line on standard error and an exit code:
/// 2 for usage and configuration mistakes, 1 for failed statements and refused calls. No stack traces for
/// expected failures; credentials never appear, because no exception message carries them.
/// </summary>
internal static class CommandRunner
{
    /// <param name="console">Where the error line goes.</param>
    /// <param name="work">The command's work; returns its exit code.</param>
    /// <param name="failureCode">The exit code for a failed statement or refused call (check uses 2, keeping 1 for drift).</param>
    public static async Task<int> RunAsync(ToolConsole console, Func<Task<int>> work, int failureCode = ExitCodes.Failed)
    {
        try
        {
            return await work();
        }
        catch (Exception ex) when (ex is RedshiftConfigurationException or UsageException or ArgumentException or Snapshots.SnapshotFormatException or Export.PipelineSpecException)
        {
            await console.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.Usage;
        }
        catch (StatementException ex)
        {
            await console.Error.WriteLineAsync($"error: {ex.Message}");
            return failureCode;
        }
        catch (AwsServiceException ex)
        {
            await console.Error.WriteLineAsync($"error: {ex.ErrorCode}: {ex.Message} (HTTP {(int)ex.StatusCode}, request id {ex.RequestId ?? "none"})");
            return failureCode;
        }
        catch (TimeoutException ex)
        {
            await console.Error.WriteLineAsync($"error: {ex.Message}");
            return failureCode;
        }
        catch (Exception ex) when (ex is IOException or System.Text.Json.JsonException)
        {
            // A connection dropped mid-answer, after the retries: say so rather than print a stack trace.
            await console.Error.WriteLineAsync($"error: the connection to the Data API endpoint broke while reading its answer ({ex.Message}). Check the endpoint and the network, then run the command again.");
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
            await console.Error.WriteLineAsync($"error: could not reach the Data API endpoint: {ex.Message}. Check --endpoint or --region, and that the local server is running if you use one.");
            return failureCode;
        }
        catch (OperationCanceledException)
        {
            await console.Error.WriteLineAsync("cancelled.");
            return failureCode;
        }
    }
}
