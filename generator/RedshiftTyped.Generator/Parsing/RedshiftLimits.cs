using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace RedshiftTyped.Generator.Parsing;

/// <summary>
/// Redshift's own limits, which no snapshot of a real table exceeds. A snapshot beyond them is refused with a located
/// diagnostic instead of generating code the compiler chokes on (200,000 columns kept a build busy for minutes; a 50 MB
/// comment became a C# compiler error in generated code). Sources: Amazon Redshift Database Developer Guide.
/// </summary>
internal static class RedshiftLimits
{
    /// <summary>"The maximum number of columns you can define in a single table is 1,600." (CREATE TABLE, r_CREATE_TABLE_NEW.md)</summary>
    public const int MaxColumns = 1600;

    /// <summary>Names "be between 1 and 127 bytes in length, not including quotation marks" (Names and identifiers, r_names.md).</summary>
    public const int MaxNameBytes = 127;

    /// <summary>
    /// The longest text Redshift's catalog holds: a VARCHAR is at most 65,535 bytes (Character types, r_Character_types.md),
    /// and comments, defaults and type names reach the snapshot through varchar catalog columns.
    /// </summary>
    public const int MaxTextBytes = 65535;

    public static int Bytes(string text) => Encoding.UTF8.GetByteCount(text);

    public static string TooManyColumns(int count, string what = "table") => string.Format(CultureInfo.InvariantCulture,
        "The {2} has {0:N0} columns; a Redshift table has at most {1:N0} (CREATE TABLE), so this snapshot describes nothing Redshift returns and no code is generated for it",
        count, MaxColumns, what);

    public static string NameTooLong(string what, string name, int bytes) => string.Format(CultureInfo.InvariantCulture,
        "The {0} \"{1}\" is {2:N0} bytes; Redshift names are at most {3} bytes (Names and identifiers), so no code is generated for this snapshot",
        what, Shorten(name), bytes, MaxNameBytes);

    public static string TextTooLong(int bytes) => string.Format(CultureInfo.InvariantCulture,
        "This text is {0:N0} bytes; nothing Redshift's catalog holds is longer than {1:N0} bytes (VARCHAR(MAX)), so no code is generated for this snapshot",
        bytes, MaxTextBytes);

    /// <summary>Every string of the document longer than <see cref="MaxTextBytes"/>.</summary>
    public static IEnumerable<JsonString> OverlongStrings(JsonNode root)
    {
        var pending = new Stack<JsonNode>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case JsonString text when text.Value.Length > MaxTextBytes / 3 && Bytes(text.Value) > MaxTextBytes:
                    yield return text;
                    break;
                case JsonObject obj:
                    foreach (var member in obj.Members)
                    {
                        pending.Push(member.Value);
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array.Items)
                    {
                        pending.Push(item);
                    }

                    break;
            }
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 40) + "…";
}
