using System.Globalization;

namespace RedshiftTyped.Typed;

/// <summary>Conversions generated Arrow builders need where .NET and Arrow types differ.</summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public static class ArrowValues
{
    /// <summary>A timestamp without zone is stored as Arrow's zone-less timestamp: its wall-clock value, unshifted.</summary>
    public static DateTimeOffset Timestamp(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Unspecified), TimeSpan.Zero);

    /// <summary>Arrow has no time-with-zone type; timetz is kept lossless as text, <c>HH:mm:ss.ffffff+hh:mm</c>.</summary>
    public static string TimeTz(DateTimeOffset value) => value.ToString("HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture);
}
