using System.CommandLine;
using System.CommandLine.Parsing;

namespace RedshiftTyped.Tool.Cli;

/// <summary>
/// A command line's parse errors in the order their tokens were typed. System.CommandLine reports them in the order the
/// command declares its options and arguments, so <c>--max-poll-attempts x --poll-interval y</c> printed the second
/// flag's error first.
/// </summary>
internal static class ParseErrorOrder
{
    /// <summary>The errors of <paramref name="parse"/>, ordered by where their first token stands (stable for ties); errors about what is missing come last.</summary>
    public static IReadOnlyList<ParseError> InCommandLineOrder(ParseResult parse)
        => parse.Errors.Select((error, index) => (error, index, position: Position(parse, error)))
            .OrderBy(e => e.position).ThenBy(e => e.index).Select(e => e.error).ToList();

    private static int Position(ParseResult parse, ParseError error)
    {
        Token? first = error.SymbolResult switch
        {
            OptionResult option => option.IdentifierToken ?? option.Tokens.FirstOrDefault(),
            ArgumentResult argument => argument.Tokens.FirstOrDefault() ?? (argument.Parent as OptionResult)?.IdentifierToken,
            _ => null,
        };
        for (int i = 0; i < parse.Tokens.Count; i++)
        {
            var token = parse.Tokens[i];
            bool matches = first is not null
                ? ReferenceEquals(token, first)
                // An unmatched token's error names it in quotes: 'value'.
                : error.Message.Contains($"'{token.Value}'", StringComparison.Ordinal);
            if (matches)
            {
                return i;
            }
        }

        return int.MaxValue;
    }
}
