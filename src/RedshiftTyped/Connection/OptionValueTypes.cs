using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace RedshiftTyped.Connection;

/// <summary>
/// The value type of every connection option, checked before binding: Microsoft.Extensions.Configuration flattens
/// JSON, so <c>"schema_filter": ["x"]</c> would bind nothing (and capture every schema) and <c>"base_delay": 100</c>
/// would bind 100 days. A value of the wrong type is an error naming the key, the type given and the type expected.
/// Numbers and booleans may also be written as strings (<c>"poll_interval": "2"</c>), as connector files often do.
/// </summary>
internal static class OptionValueTypes
{
    private enum Kind
    {
        Text,
        Number,
        WholeNumber,
        Boolean,
        Duration,
        Section,
    }

    private static readonly Dictionary<string, Kind> Root = new(StringComparer.OrdinalIgnoreCase)
    {
        ["region"] = Kind.Text, ["database"] = Kind.Text, ["cluster_identifier"] = Kind.Text, ["workgroup_name"] = Kind.Text,
        ["access_key_id"] = Kind.Text, ["secret_access_key"] = Kind.Text, ["session_token"] = Kind.Text, ["db_user"] = Kind.Text,
        ["secret_arn"] = Kind.Text, ["schema_filter"] = Kind.Text, ["endpoint"] = Kind.Text,
        ["poll_interval"] = Kind.Number, ["max_poll_attempts"] = Kind.WholeNumber,
        ["use_fips"] = Kind.Boolean, ["long_polling"] = Kind.Boolean, ["verify_secret"] = Kind.Boolean,
        ["retry"] = Kind.Section,
    };

    private static readonly Dictionary<string, Kind> Retry = new(StringComparer.OrdinalIgnoreCase)
    {
        ["max_retries"] = Kind.WholeNumber, ["base_delay"] = Kind.Duration, ["max_delay"] = Kind.Duration, ["total_timeout"] = Kind.Duration,
        ["attempt_timeout"] = Kind.Duration,
    };

    /// <summary>Every option of a JSON document whose value has the wrong type; unknown keys are left to the binder.</summary>
    public static List<string> Check(JsonElement root)
    {
        var problems = new List<string>();
        if (root.ValueKind == JsonValueKind.Object)
        {
            CheckObject(root, "", Root, problems);
        }

        return problems;
    }

    /// <summary>The same check for a configuration section, where JSON types are gone but arrays and objects show as children.</summary>
    public static List<string> Check(IConfiguration section)
    {
        var problems = new List<string>();
        CheckSection(section, "", Root, problems);
        return problems;
    }

    private static void CheckObject(JsonElement element, string prefix, Dictionary<string, Kind> kinds, List<string> problems)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!kinds.TryGetValue(property.Name, out var kind) || property.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            string key = prefix + property.Name;
            var value = property.Value;
            if (kind == Kind.Section)
            {
                if (value.ValueKind == JsonValueKind.Object)
                {
                    CheckObject(value, key + ".", Retry, problems);
                }
                else
                {
                    problems.Add(Problem(key, Given(value), kind));
                }

                continue;
            }

            bool fits = value.ValueKind switch
            {
                JsonValueKind.String => FitsText(kind, value.GetString()!),
                JsonValueKind.Number => kind == Kind.Number || (kind == Kind.WholeNumber && value.TryGetInt32(out _)),
                JsonValueKind.True or JsonValueKind.False => kind == Kind.Boolean,
                _ => false,
            };
            if (!fits)
            {
                problems.Add(Problem(key, Secret.Contains(property.Name) ? $"{Article(value.ValueKind)} (not shown: it is a credential)" : Given(value), kind));
            }
        }
    }

    private static void CheckSection(IConfiguration section, string prefix, Dictionary<string, Kind> kinds, List<string> problems)
    {
        foreach (var child in section.GetChildren())
        {
            if (!kinds.TryGetValue(child.Key, out var kind))
            {
                continue;
            }

            string key = prefix + child.Key;
            bool hasChildren = child.GetChildren().Any();
            if (kind == Kind.Section)
            {
                if (hasChildren)
                {
                    CheckSection(child, key + ".", Retry, problems);
                }
                else if (!string.IsNullOrEmpty(child.Value))
                {
                    problems.Add(Problem(key, $"the value \"{child.Value}\"", kind));
                }

                continue;
            }

            if (hasChildren)
            {
                problems.Add(Problem(key, "an array or object", kind));
            }
            else if (child.Value is { Length: > 0 } text && !FitsText(kind, text))
            {
                problems.Add(Problem(key, $"the string \"{Shorten(text)}\"", kind));
            }
        }
    }

    /// <summary>Whether a string is a value of the kind (numbers and booleans as text, durations as TimeSpan text).</summary>
    private static bool FitsText(Kind kind, string text) => kind switch
    {
        Kind.Text => true,
        Kind.Number => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
        Kind.WholeNumber => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
        Kind.Boolean => bool.TryParse(text, out _),
        // "100" parses as 100 days: a duration must say its hours, minutes and seconds. And TimeSpan.Parse reads an hours
        // field of 24 or more as days ("24:00:00" is 24 days): TimeSpan's invariant "c" form ([-][d.]hh:mm:ss[.fffffff],
        // hours 0-23) refuses it, so a day must be written "1.00:00:00".
        Kind.Duration => text.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParseExact(text.Trim(), "c", CultureInfo.InvariantCulture, out _),
        _ => false,
    };

    /// <summary>Options whose values never appear in a message, whatever their type.</summary>
    private static readonly HashSet<string> Secret = new(StringComparer.OrdinalIgnoreCase) { "access_key_id", "secret_access_key", "session_token" };

    private static string Article(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "a " + kind.ToString().ToLowerInvariant(),
    };

    private static string Given(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{Shorten(value.GetString()!)}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {value.GetRawText()}",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => value.ValueKind.ToString(),
    };

    private static string Problem(string key, string given, Kind kind) => $"{key} is {given}; expected {Expected(key, kind)}";

    private static string Expected(string key, Kind kind) => kind switch
    {
        Kind.Text when key.Equals("schema_filter", StringComparison.OrdinalIgnoreCase) => "a string of comma-separated schemas, e.g. \"public,sales\"",
        Kind.Text => "a string",
        Kind.Number => "a number, e.g. 2 or \"2\"",
        Kind.WholeNumber => "a whole number, e.g. 8 or \"8\"",
        Kind.Boolean => "true or false",
        Kind.Duration => "a duration string \"[d.]hh:mm:ss[.fff]\" (hours 0-23, minutes and seconds 0-59), e.g. \"00:00:00.100\" for 100 ms, \"00:03:00\" for 3 minutes or \"1.00:00:00\" for a day",
        _ => "an object such as {\"max_retries\": 8, \"total_timeout\": \"00:03:00\"}",
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
