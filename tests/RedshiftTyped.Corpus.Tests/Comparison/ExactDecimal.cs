using System.Globalization;
using System.Numerics;
using System.Text;

namespace RedshiftTyped.Corpus.Tests.Comparison;

/// <summary>
/// A finite decimal number held exactly (coefficient × 10^exponent, trailing zeros removed), parsed the way Python's
/// <c>decimal.Decimal(text)</c> parses: the reference runner compares numbers as Decimals, and numeric(38,s) values do
/// not fit .NET's <see cref="decimal"/>. Equal values compare equal whatever their scale (<c>1.50</c> = <c>1.5</c>).
/// </summary>
internal readonly record struct ExactDecimal(BigInteger Coefficient, int Exponent)
{
    /// <summary>
    /// Parses Python Decimal syntax (sign, digits with <c>_</c> between them, one point, <c>e</c> exponent, surrounding
    /// whitespace). Infinity and NaN, which Python parses but which are not finite, give <c>null</c>, as does anything else.
    /// </summary>
    public static ExactDecimal? Parse(string text)
    {
        string s = text.Trim();
        int i = 0;
        bool negative = false;
        if (i < s.Length && (s[i] == '+' || s[i] == '-'))
        {
            negative = s[i] == '-';
            i++;
        }

        var digits = new StringBuilder();
        int fractionDigits = 0;
        bool seenPoint = false, seenDigit = false;
        while (i < s.Length)
        {
            char c = s[i];
            if (c is >= '0' and <= '9')
            {
                digits.Append(c);
                seenDigit = true;
                if (seenPoint) fractionDigits++;
            }
            else if (c == '_' && i > 0 && IsAsciiDigit(s[i - 1]) && i + 1 < s.Length && IsAsciiDigit(s[i + 1]))
            {
                // Python allows underscores between digits for grouping.
            }
            else if (c == '.' && !seenPoint)
            {
                seenPoint = true;
            }
            else
            {
                break;
            }

            i++;
        }

        if (!seenDigit) return null;
        long exponent = -fractionDigits;
        if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            i++;
            bool negativeExponent = false;
            if (i < s.Length && (s[i] == '+' || s[i] == '-'))
            {
                negativeExponent = s[i] == '-';
                i++;
            }

            int start = i;
            while (i < s.Length && (IsAsciiDigit(s[i]) || (s[i] == '_' && i > start && i + 1 < s.Length && IsAsciiDigit(s[i + 1]))))
            {
                i++;
            }

            if (i == start) return null;
            if (!long.TryParse(s[start..i].Replace("_", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out long written)
                || written > int.MaxValue / 2)
            {
                return null;
            }

            exponent += negativeExponent ? -written : written;
        }

        if (i != s.Length) return null;
        var coefficient = BigInteger.Parse(digits.ToString(), NumberStyles.None, CultureInfo.InvariantCulture);
        if (coefficient.IsZero) return new ExactDecimal(BigInteger.Zero, 0);
        while (coefficient % 10 == 0)
        {
            coefficient /= 10;
            exponent++;
        }

        return new ExactDecimal(negative ? -coefficient : coefficient, checked((int)exponent));
    }

    /// <summary>The nearest double (Python's <c>float(Decimal)</c>; out of range gives ±infinity).</summary>
    public double ToDouble()
        => double.Parse(Coefficient.ToString(CultureInfo.InvariantCulture) + "E" + Exponent.ToString(CultureInfo.InvariantCulture),
            NumberStyles.Float, CultureInfo.InvariantCulture);

    private static bool IsAsciiDigit(char c) => c is >= '0' and <= '9';
}
