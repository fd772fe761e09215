using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace RedshiftTyped.Generator.Emit;

/// <summary>
/// File names for generated sources: ASCII only (hint names become file names in obj/ and in IDEs), with a stable
/// hash of the full name appended whenever characters had to be dropped, so two names never share a file.
/// </summary>
internal static class HintNames
{
    /// <summary>The hint name for a qualified name, made unique (ignoring case) against <paramref name="taken"/>.</summary>
    public static string Unique(string qualifiedName, HashSet<string> taken)
    {
        string hint = For(qualifiedName);
        if (!taken.Add(hint))
        {
            hint = hint.Substring(0, hint.Length - ".g.cs".Length) + "." + Fnv1a(qualifiedName).ToString("x8", CultureInfo.InvariantCulture) + ".g.cs";
            taken.Add(hint);
        }

        return hint;
    }

    public static string For(string qualifiedName)
    {
        var builder = new StringBuilder(qualifiedName.Length);
        bool altered = false;
        foreach (char c in qualifiedName)
        {
            if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.' or '_')
            {
                builder.Append(c);
            }
            else
            {
                altered = true;
                builder.Append('_');
            }
        }

        if (altered)
        {
            builder.Append('.').Append(Fnv1a(qualifiedName).ToString("x8", CultureInfo.InvariantCulture));
        }

        return builder.Append(".g.cs").ToString();
    }

    private static uint Fnv1a(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash = unchecked((hash ^ c) * 16777619);
        }

        return hash;
    }
}
