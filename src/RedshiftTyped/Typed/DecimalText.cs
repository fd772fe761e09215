using System.Data.SqlTypes;
using System.Globalization;
using System.Text;
using RedshiftTyped.Values;

namespace RedshiftTyped.Typed;

/// <summary>
/// Exact numeric text → decimal. Redshift's numeric holds 38 digits, decimal 28-29: a value decimal cannot hold
/// exactly (too large, or too many significant digits) raises a clear OverflowException instead of being rounded.
/// </summary>
internal static class DecimalText
{
    /// <summary>Up to 28 significant digits always fit decimal exactly; only longer values need the careful path.</summary>
    private const int SafeDigits = 28;

    public static decimal Parse(ReadOnlySpan<byte> utf8, ColumnDescriptor column)
    {
        if (SignificantDigits(utf8) <= SafeDigits
            && decimal.TryParse(utf8, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal value))
        {
            return value;
        }

        return ParseCarefully(Encoding.UTF8.GetString(utf8), column);
    }

    public static decimal Parse(string text, ColumnDescriptor column)
    {
        if (SignificantDigits(text.AsSpan()) <= SafeDigits
            && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal value))
        {
            return value;
        }

        return ParseCarefully(text, column);
    }

    private static decimal ParseCarefully(string text, ColumnDescriptor column)
    {
        SqlDecimal exact;
        try
        {
            exact = RedshiftTextParser.ParseSqlDecimal(text);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or SqlTypeException)
        {
            if (LooksNumeric(text))
            {
                throw DecodeErrors.DecimalOverflow(column, text);
            }

            throw DecodeErrors.BadText(column, text, ex);
        }

        if (!decimal.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out decimal value)
            || !(new SqlDecimal(value) == exact).Value)
        {
            throw DecodeErrors.DecimalOverflow(column, text);
        }

        return value;
    }

    private static int SignificantDigits(ReadOnlySpan<byte> text)
    {
        var counter = default(DigitCounter);
        foreach (byte c in text)
        {
            if (!counter.Step(c))
            {
                break;
            }
        }

        return counter.Result;
    }

    private static int SignificantDigits(ReadOnlySpan<char> text)
    {
        var counter = default(DigitCounter);
        foreach (char c in text)
        {
            if (!counter.Step(c))
            {
                break;
            }
        }

        return counter.Result;
    }

    private static bool LooksNumeric(string text)
    {
        foreach (char c in text.Trim())
        {
            if (c is not ((>= '0' and <= '9') or '.' or '-' or '+' or 'e' or 'E'))
            {
                return false;
            }
        }

        return text.Length > 0;
    }

    /// <summary>Counts significant digits: leading zeros and trailing fractional zeros do not count; stops at an exponent.</summary>
    private struct DigitCounter
    {
        private int _count;
        private int _trailingZeros;
        private bool _started;
        private bool _fraction;

        public readonly int Result => _count - _trailingZeros;

        public bool Step(int c)
        {
            if (c == '.')
            {
                _fraction = true;
            }
            else if (c is 'e' or 'E')
            {
                return false;
            }
            else if (c is >= '0' and <= '9' && (_started || c != '0'))
            {
                _started = true;
                _count++;
                _trailingZeros = c == '0' && _fraction ? _trailingZeros + 1 : 0;
            }

            return true;
        }
    }
}
