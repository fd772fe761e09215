using RedshiftTyped.Tool.Cli;

namespace RedshiftTyped.Tests.Tool;

/// <summary>Durations on the command line (<c>--fault-latency</c>, <c>--fault-slow-delay</c>): parsed, or refused in one line.</summary>
public sealed class DurationTextTests
{
    [Theory]
    [InlineData("50ms", 50)]
    [InlineData("2s", 2_000)]
    [InlineData("1.5", 1_500)]
    [InlineData("1.5m", 90_000)]
    [InlineData("86400000ms", 86_400_000)]
    [InlineData("1440m", 86_400_000)]
    public void Durations_parse_in_their_unit(string text, double milliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), DurationText.Parse(text, "--fault-latency"));
    }

    [Theory]
    [InlineData("86400001ms")]
    [InlineData("1441m")]
    [InlineData("99999999999999999999ms")]
    [InlineData("99999999999999999999")]
    [InlineData("99999999999999999999min")]
    [InlineData("9999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999s")]
    public void A_duration_past_24_hours_is_refused_in_one_line_even_past_what_a_TimeSpan_holds(string text)
    {
        // 99999999999999999999ms overflowed TimeSpan.FromMilliseconds before the 24-hour check: "unexpected OverflowException".
        var refused = Assert.Throws<UsageException>(() => DurationText.Parse(text, "--fault-slow-delay"));
        Assert.Equal($"--fault-slow-delay {text} is longer than 24 hours; give a shorter duration.", refused.Message);
    }
}
