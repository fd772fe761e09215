using System.Text;
using System.Text.Json;

namespace RedshiftTyped.Tool.Snapshots;

/// <summary>
/// Where every member of a JSON document sits (line and column, 1-based, by JSON path such as <c>$.columns[3].name</c>),
/// found in one pass that also refuses a member named twice in one object: JSON allows it, but which one a reader keeps
/// is undefined, so a snapshot must not rely on it.
/// </summary>
internal sealed class JsonLocations
{
    private readonly Dictionary<string, (int Line, int Column)> _locations = new(StringComparer.Ordinal);
    private readonly int[] _lineStarts;

    private JsonLocations(byte[] utf8)
    {
        var starts = new List<int> { 0 };
        for (int i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                starts.Add(i + 1);
            }
        }

        _lineStarts = [.. starts];
    }

    /// <summary>A member given twice in one object: where, and where it was first.</summary>
    public sealed record Duplicate(string Path, int Line, int Column, int FirstLine);

    /// <summary>Maps the document; <paramref name="duplicate"/> is the first repeated member, if any. Throws <see cref="JsonException"/> for invalid JSON.</summary>
    public static JsonLocations Map(byte[] utf8, out Duplicate? duplicate)
    {
        var map = new JsonLocations(utf8);
        duplicate = null;
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        // One frame per open object or array: its path, the member names seen (objects) or the next index (arrays).
        var frames = new Stack<(string Path, Dictionary<string, int>? Names, int Index)>();
        string? pendingPath = null;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                {
                    var (path, names, _) = frames.Peek();
                    string name = reader.GetString()!;
                    pendingPath = $"{path}.{name}";
                    var at = map.Position(utf8, (int)reader.TokenStartIndex);
                    if (names!.TryGetValue(name, out int firstLine))
                    {
                        duplicate ??= new Duplicate(pendingPath, at.Line, at.Column, firstLine);
                    }
                    else
                    {
                        names[name] = at.Line;
                    }

                    map._locations[pendingPath] = at;
                    continue;
                }

                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                {
                    string path = ValuePath(frames, ref pendingPath, map, utf8, (int)reader.TokenStartIndex);
                    frames.Push(reader.TokenType == JsonTokenType.StartObject ? (path, new Dictionary<string, int>(StringComparer.Ordinal), 0) : (path, null, 0));
                    continue;
                }

                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    frames.Pop();
                    continue;

                default:
                    ValuePath(frames, ref pendingPath, map, utf8, (int)reader.TokenStartIndex);
                    continue;
            }
        }

        return map;
    }

    /// <summary>The path of the value at the reader: the member just named, or the next item of the enclosing array.</summary>
    private static string ValuePath(Stack<(string Path, Dictionary<string, int>? Names, int Index)> frames, ref string? pendingPath,
        JsonLocations map, byte[] utf8, int tokenStart)
    {
        string path;
        if (frames.Count == 0)
        {
            path = "$";
        }
        else if (frames.Peek().Names is null)
        {
            var (arrayPath, _, index) = frames.Pop();
            frames.Push((arrayPath, null, index + 1));
            path = $"{arrayPath}[{index}]";
        }
        else
        {
            path = pendingPath ?? "$";
        }

        pendingPath = null;
        // A member's location is its name; an array item's is its value.
        map._locations.TryAdd(path, map.Position(utf8, tokenStart));
        return path;
    }

    /// <summary><c>(line,column)</c> of a path, or of its nearest mapped parent; empty when nothing is mapped.</summary>
    public string At(string path)
    {
        for (string? current = path; current is not null; current = Parent(current))
        {
            if (_locations.TryGetValue(current, out var at))
            {
                return $"({at.Line},{at.Column})";
            }
        }

        return string.Empty;
    }

    /// <summary>The line a path starts on (0 when unknown).</summary>
    public int Line(string path) => _locations.TryGetValue(path, out var at) ? at.Line : 0;

    private static string? Parent(string path)
    {
        int cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut > 0 ? path[..cut] : null;
    }

    private (int Line, int Column) Position(byte[] utf8, int offset)
    {
        int line = Array.BinarySearch(_lineStarts, offset);
        line = line >= 0 ? line : ~line - 1;
        int column = Encoding.UTF8.GetCharCount(utf8, _lineStarts[line], offset - _lineStarts[line]) + 1;
        return (line + 1, column);
    }
}
