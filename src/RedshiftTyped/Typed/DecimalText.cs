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
        if (TryParsePlain(utf8, out decimal plain))
        {
            return plain;
        }

        return Parse(Encoding.UTF8.GetString(utf8), column);
    }

    public static decimal Parse(string text, ColumnDescriptor column)
    {
        if (TryParsePlain(text.AsSpan(), out decimal plain))
        {
            return plain;
        }

        if (!CanonicalText.IsNumeric(text))
        {
            // " 7", "+7", "7.28e2", "728.00\0": decimal.Parse would read them all; Redshift prints none of them.
            return TextParsing.Parse(text, column, RedshiftTextParser.ParseDecimal);
        }

        if (SignificantDigits(text.AsSpan()) <= SafeDigits
            && decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal value))
        {
            return value;
        }

        return ParseCarefully(text, column);
    }

    /// <summary>
    /// The form Redshift prints numeric in (<c>-123.4500</c>: an optional minus, digits, an optional point and digits),
    /// digits on both sides of a point, with at most 19 digits in all, so the digits fit a ulong and the value a decimal exactly, scale and trailing zeros
    /// kept as decimal.Parse keeps them. Anything else (a plus sign, an exponent, spaces, more digits, negative zero)
    /// returns false and takes the general path.
    /// </summary>
    internal static bool TryParsePlain<TChar>(ReadOnlySpan<TChar> text, out decimal value)
        where TChar : unmanaged, System.Numerics.IBinaryInteger<TChar>
    {
        value = default;
        int i = 0;
        bool negative = false;
        if (text.Length > 0 && uint.CreateTruncating(text[0]) == '-')
        {
            negative = true;
            i = 1;
        }

        ulong mantissa = 0;
        int digits = 0;
        int scale = -1;
        for (; i < text.Length; i++)
        {
            uint c = uint.CreateTruncating(text[i]);
            uint d = c - '0';
            if (d <= 9)
            {
                if (++digits > 19)
                {
                    return false;
                }

                mantissa = (mantissa * 10) + d;
                if (scale >= 0)
                {
                    scale++;
                }
            }
            else if (c == '.' && scale < 0 && digits > 0)
            {
                scale = 0;
            }
            else
            {
                return false;
            }
        }

        if (digits == 0 || scale == 0 || (negative && mantissa == 0))
        {
            return false;
        }

        value = new decimal((int)mantissa, (int)(mantissa >> 32), 0, negative, (byte)Math.Max(scale, 0));
        return true;
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

        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal value)
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

    /// <summary>A number, only too large or too precise for decimal (not text such as <c>.</c> or <c>1.2.3</c>).</summary>
    private static bool LooksNumeric(string text)
        => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            && double.IsFinite(value)
            && text.AsSpan().IndexOfAnyInRange('0', '9') >= 0;

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
