using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace RedshiftTyped.Tool.Cli;

/// <summary>
/// A numeric flag given something that is not a number, or a number outside the flag's range, said in one line that
/// names the flag and the form it takes. System.CommandLine's own message names the CLR type
/// (<c>System.Nullable`1[System.Int64]</c>), which a user of the command line never saw, and a range checked only
/// later (in the connection options) would echo the parsed value: <c>1e400</c> as "Infinity".
/// </summary>
internal static class NumberFlagError
{
    /// <summary>The range part of <see cref="Bound"/>'s message per flag, for a whole number too large to parse at all.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Option, string> Ranges = [];

    /// <summary>
    /// Refuses, at parse time, a value of <paramref name="option"/> outside [<paramref name="min"/>, <paramref name="max"/>]
    /// (and one too large for a double, which parses as infinity), quoting the value as typed.
    /// </summary>
    /// <param name="option">The flag.</param>
    /// <param name="min">The smallest value allowed, inclusive.</param>
    /// <param name="max">The largest value allowed, inclusive.</param>
    /// <param name="unit">What the number counts, in the plural ("seconds"), or null for "a number".</param>
    public static void Bound<T>(Option<T?> option, T min, T max, string? unit = null)
        where T : struct, INumber<T>
    {
        // The styles the tool accepts. System.CommandLine parses doubles with thousands separators as well ('1,5' is 15),
        // so a comma it let through is refused here; anything else these styles refuse it refused already.
        var styles = typeof(T) == typeof(double) ? NumberStyles.Float : NumberStyles.Integer;
        Ranges.AddOrUpdate(option, RangeText(min, max, unit));
        option.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.Contains(',', StringComparison.Ordinal))
                {
                    result.AddError($"{option.Name} takes {(typeof(T) == typeof(double) ? "a number, e.g. 0.5" : "a whole number, e.g. 4")}; '{token.Value}' is not one.");
                    return;
                }

                if (T.TryParse(token.Value, styles, CultureInfo.InvariantCulture, out T value) && !(value >= min && value <= max))
                {
                    result.AddError($"{option.Name} {token.Value} is out of range: {RangeText(min, max, unit)}.");
                    return;
                }
            }
        });
    }

    /// <summary>
    /// Registers the range of a flag whose command checks it after parsing, with its own message (<c>--port</c>'s
    /// "or 0 to pick a free one"), so that a whole number too large to parse at all (99999999999999999999) is refused with
    /// that range too, rather than with the range of the flag's CLR type.
    /// </summary>
    /// <param name="option">The flag.</param>
    /// <param name="range">The range as the command's own message says it, starting "give ", e.g. "give 1 to 128".</param>
    public static void Bound(Option option, string range) => Ranges.AddOrUpdate(option, range);

    /// <summary>The one-line message for <paramref name="error"/>, or null when it is not a numeric flag's bad value.</summary>
    public static string? Describe(ParseError error)
    {
        var option = error.SymbolResult switch
        {
            OptionResult result => result,
            ArgumentResult { Parent: OptionResult result } => result,
            _ => null,
        };
        if (option is null)
        {
            return null;
        }

        if (error.Message.StartsWith($"{option.Option.Name} ", StringComparison.Ordinal) && error.Message.Contains(" is out of range: give ", StringComparison.Ordinal))
        {
            // Bound's own message: already one line naming the flag, the value and the range.
            return error.Message;
        }

        var type = Nullable.GetUnderlyingType(option.Option.ValueType) ?? option.Option.ValueType;
        string? form = type == typeof(int) || type == typeof(long) ? "a whole number, e.g. 4"
            : type == typeof(double) ? "a number, e.g. 0.5"
            : null;
        if (form is null)
        {
            return null;
        }

        var bad = option.Tokens.FirstOrDefault(token => !Parses(type, token.Value));
        if (bad is null)
        {
            return null;
        }

        if (type != typeof(double) && BigInteger.TryParse(bad.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            // A whole number too large for the flag's type (99999999999999999999): out of range, not "not a whole number".
            string range = Ranges.TryGetValue(option.Option, out var bounded) ? bounded
                : type == typeof(int) ? RangeText(int.MinValue, int.MaxValue, null)
                : RangeText(long.MinValue, long.MaxValue, null);
            return $"{option.Option.Name} {bad.Value} is out of range: {range}.";
        }

        return $"{option.Option.Name} takes {form}; '{bad.Value}' is not one.";
    }

    private static string RangeText<T>(T min, T max, string? unit)
        where T : struct, INumber<T>
        => string.Create(CultureInfo.InvariantCulture, $"give {(unit is null ? "a number" : unit)} from {min} to {max}");

    private static bool Parses(Type type, string text) => type == typeof(double)
        ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
        : type == typeof(int)
            ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
            : long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _);
}
