using System.Diagnostics;

namespace RedshiftTyped;

/// <summary>The ActivitySource behind the span each statement opens. Listen to <see cref="SourceName"/>.</summary>
public static class RedshiftTypedTelemetry
{
    /// <summary>The name of the ActivitySource (<c>RedshiftTyped</c>): a span per statement, for OpenTelemetry to listen to.</summary>
    public const string SourceName = "RedshiftTyped";

    internal static readonly ActivitySource Source = new(SourceName,
        typeof(RedshiftTypedTelemetry).Assembly.GetName().Version?.ToString(3));
}
