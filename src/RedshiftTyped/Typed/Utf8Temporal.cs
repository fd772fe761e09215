namespace RedshiftTyped.Typed;

/// <summary>
/// Allocation-free parsing of the canonical text forms the Data API sends (<c>YYYY-MM-DD</c>,
/// <c>YYYY-MM-DD HH:MM:SS[.ffffff]</c>, with <c>+00</c> for timestamptz). Anything else returns false and the caller
/// falls back to <see cref="Values.RedshiftTextParser"/>, which reads the other forms Redshift prints (other offsets, dates
/// beyond year 9999) and refuses the rest.
/// </summary>
internal static class Utf8Temporal
{
    public static bool TryParseDate(ReadOnlySpan<byte> text, out DateOnly value)
    {
        value = default;
        if (text.Length != 10 || text[4] != '-' || text[7] != '-'
            || !TryDigits(text[..4], out int year) || !TryDigits(text.Slice(5, 2), out int month) || !TryDigits(text.Slice(8, 2), out int day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        value = new DateOnly(year, month, day);
        return true;
    }

    public static bool TryParseTime(ReadOnlySpan<byte> text, out TimeOnly value)
    {
        value = default;
        if (text.Length < 8 || text[2] != ':' || text[5] != ':'
            || !TryDigits(text[..2], out int hour) || !TryDigits(text.Slice(3, 2), out int minute) || !TryDigits(text.Slice(6, 2), out int second)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        long ticks = 0;
        if (text.Length > 8)
        {
            var fraction = text[9..];
            if (text[8] != '.' || fraction.Length is 0 or > 7 || !TryDigits(fraction, out int digits))
            {
                return false;
            }

            ticks = digits;
            for (int i = fraction.Length; i < 7; i++)
            {
                ticks *= 10;
            }
        }

        value = new TimeOnly(new TimeSpan(hour, minute, second).Ticks + ticks);
        return true;
    }

    public static bool TryParseTimestamp(ReadOnlySpan<byte> text, out DateTime value)
    {
        value = default;
        if (text.Length < 19 || text[10] != ' '
            || !TryParseDate(text[..10], out var date) || !TryParseTime(text[11..], out var time))
        {
            return false;
        }

        value = date.ToDateTime(time, DateTimeKind.Unspecified);
        return true;
    }

    /// <summary>Only the UTC forms (<c>+00</c>, <c>+00:00</c>); other offsets take the general path.</summary>
    public static bool TryParseTimestampUtc(ReadOnlySpan<byte> text, out DateTimeOffset value)
    {
        value = default;
        int suffix = text.EndsWith("+00:00"u8) ? 6 : text.EndsWith("+00"u8) ? 3 : -1;
        if (suffix < 0 || !TryParseTimestamp(text[..^suffix], out var local))
        {
            return false;
        }

        value = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), TimeSpan.Zero);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (byte b in digits)
        {
            uint d = (uint)(b - '0');
            if (d > 9)
            {
                return false;
            }

            value = (value * 10) + (int)d;
        }

        return digits.Length > 0;
    }
}
