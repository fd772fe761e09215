using System.CommandLine.Parsing;
using System.Globalization;

namespace RedshiftTyped.Tool.Cli;

/// <summary>
/// A numeric flag given something that is not a number, said in one line that names the flag and the form it takes.
/// System.CommandLine's own message names the CLR type (<c>System.Nullable`1[System.Int64]</c>), which a user of
/// the command line never saw.
/// </summary>
internal static class NumberFlagError
{
    /// <summary>The one-line message for <paramref name="error"/>, or null when it is not a numeric flag's unparsable value.</summary>
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

        var type = Nullable.GetUnderlyingType(option.Option.ValueType) ?? option.Option.ValueType;
        string? form = type == typeof(int) || type == typeof(long) ? "a whole number, e.g. 4"
            : type == typeof(double) ? "a number, e.g. 0.5"
            : null;
        if (form is null)
        {
            return null;
        }

        var bad = option.Tokens.FirstOrDefault(token => !Parses(type, token.Value));
        return bad is null ? null : $"{option.Option.Name} takes {form}; '{bad.Value}' is not one.";
    }

    private static bool Parses(Type type, string text) => type == typeof(double)
        ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
        : type == typeof(int)
            ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
            : long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _);
}
