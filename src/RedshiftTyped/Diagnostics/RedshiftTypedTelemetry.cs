using System.Diagnostics;

namespace RedshiftTyped;

/// <summary>The ActivitySource behind the span each statement opens. Listen to <see cref="SourceName"/>.</summary>
public static class RedshiftTypedTelemetry
{
    public const string SourceName = "RedshiftTyped";

    internal static readonly ActivitySource Source = new(SourceName,
        typeof(RedshiftTypedTelemetry).Assembly.GetName().Version?.ToString(3));
}
