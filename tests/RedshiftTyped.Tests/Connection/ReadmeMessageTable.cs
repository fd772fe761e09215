using System.Text.RegularExpressions;

namespace RedshiftTyped.Tests.Connection;

/// <summary>
/// The README's table of connection-option messages ("message starts with | fix"): a message the code gives is listed
/// there. Each row's backquoted texts are read as message openings, "…" standing for any value.
/// </summary>
internal static class ReadmeMessageTable
{
    private static readonly Lazy<IReadOnlyList<(string Text, Regex Pattern)>> Openings = new(Read);

    /// <summary>Fails unless a row of the table opens <paramref name="message"/> (prefixed with the exception type where the row names one).</summary>
    public static void AssertListed(string message)
        => Assert.True(Openings.Value.Any(opening => opening.Pattern.IsMatch(message)),
            $"README.md's table of connection-option messages has no row for: {message}");

    /// <summary>The README's text.</summary>
    public static string ReadmeText() => File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));

    private static List<(string, Regex)> Read()
    {
        string readme = ReadmeText();
        int start = readme.IndexOf("| message starts with | fix |", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no table of connection-option messages");
        var openings = new List<(string, Regex)>();
        foreach (string line in readme[start..].Split('\n').Skip(2).TakeWhile(line => line.StartsWith('|')))
        {
            string messageCell = line.Split(" | ", 2)[0];
            foreach (Match quoted in Regex.Matches(messageCell, "`([^`]+)`"))
            {
                string text = quoted.Groups[1].Value;
                string pattern = "^" + string.Join(".*?", text.Split('…').Select(Regex.Escape));
                openings.Add((text, new Regex(pattern, RegexOptions.Singleline | RegexOptions.CultureInvariant)));
            }
        }

        return openings;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RedshiftTyped.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("RedshiftTyped.sln was not found above the test's directory.");
    }
}
