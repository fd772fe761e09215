namespace RedshiftTyped.IntegrationTests.Results;

/// <summary>A clock the test moves by hand (LocalServerOptions.TimeProvider), so a 24-hour retention passes in no time.</summary>
internal sealed class ManualClock : TimeProvider
{
    private long _ticks = DateTimeOffset.UtcNow.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
