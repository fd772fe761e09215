using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;
using RedshiftTyped.Generator.Model;

namespace RedshiftTyped.Generator.Naming;

/// <summary>
/// Turns Redshift names (anything between double quotes: spaces, quotes, unicode, leading digits, keywords)
/// into valid C# identifiers, PascalCased or kept as they are.
/// </summary>
internal static class Identifiers
{
    /// <summary>
    /// Makes a name an identifier. Characters C# does not allow in identifiers separate words; a leading digit gets
    /// a <c>_</c> prefix; a name with nothing usable becomes <paramref name="fallback"/>. Keywords are not escaped
    /// here: see <see cref="Escape"/>.
    /// </summary>
    public static string Create(string name, NamingStyle style, string fallback)
    {
        var words = SplitWords(name);
        var builder = new StringBuilder(name.Length);
        foreach (string word in words)
        {
            if (style == NamingStyle.Keep)
            {
                if (builder.Length > 0)
                {
                    builder.Append('_');
                }

                builder.Append(word);
            }
            else
            {
                AppendPascal(builder, word);
            }
        }

        if (builder.Length == 0)
        {
            return fallback;
        }

        if (!SyntaxFacts.IsIdentifierStartCharacter(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }

    /// <summary>
    /// Prefixes <c>@</c> to keywords, contextual ones included: <c>record</c> or <c>var</c> as a type name would otherwise
    /// change how the generated code parses (<c>public record Decode(…)</c> declares a record).
    /// </summary>
    public static string Escape(string identifier)
        => SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(identifier) != SyntaxKind.None
            ? "@" + identifier
            : identifier;

    /// <summary>Whether a user-supplied name (an override) is already a valid identifier.</summary>
    public static bool IsValid(string identifier)
    {
        string bare = identifier.StartsWith("@", System.StringComparison.Ordinal) ? identifier.Substring(1) : identifier;
        return SyntaxFacts.IsValidIdentifier(bare);
    }

    /// <summary>The identifier without a leading <c>@</c>, as compared for collisions.</summary>
    public static string Bare(string identifier)
        => identifier.StartsWith("@", System.StringComparison.Ordinal) ? identifier.Substring(1) : identifier;

    /// <summary>
    /// The first of <c>name</c>, <c>name_2</c>, <c>name_3</c>… not in <paramref name="taken"/>; adds it.
    /// Deterministic because callers visit names in a fixed order (ordinal, then path).
    /// </summary>
    public static string Unique(string name, HashSet<string> taken)
    {
        if (taken.Add(name))
        {
            return name;
        }

        for (int i = 2; ; i++)
        {
            string candidate = name + "_" + i.ToString(CultureInfo.InvariantCulture);
            if (taken.Add(candidate))
            {
                return candidate;
            }
        }
    }

    private static List<string> SplitWords(string name)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        for (int i = 0; i < name.Length; i++)
        {
            string element = char.IsSurrogatePair(name, i) ? name.Substring(i++, 2) : name[i].ToString();

            // Surrogate pairs (emoji, supplementary letters) are never identifier characters for Roslyn's check on char.
            bool usable = element.Length == 1 && SyntaxFacts.IsIdentifierPartCharacter(element[0]) && element[0] != '_';
            if (usable)
            {
                current.Append(element);
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    private static void AppendPascal(StringBuilder builder, string word)
    {
        // An all-upper-case word (USER, ID) is shouted, not camel-cased: it becomes User, Id.
        bool shouted = true;
        foreach (char c in word)
        {
            if (char.IsLower(c))
            {
                shouted = false;
                break;
            }
        }

        builder.Append(char.ToUpperInvariant(word[0]));
        string rest = word.Substring(1);
        builder.Append(shouted ? rest.ToLowerInvariant() : rest);
    }
}
