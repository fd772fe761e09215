namespace RedshiftTyped.Execution;

/// <summary>Work started one step ahead of a reader (the next page, the next chunk's statement).</summary>
internal static class LookAhead
{
    /// <summary>
    /// The reader stopped early: cancels the work in flight (a statement is cancelled on the server too) and waits for
    /// it to end, so nothing outlives the reader; its outcome no longer matters to anyone.
    /// </summary>
    public static async Task AbandonAsync(CancellationTokenSource ahead, Task pending)
    {
        await ahead.CancelAsync().ConfigureAwait(false);
        try
        {
            await pending.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Cancelled, or failed after it stopped mattering.
        }
    }
}
