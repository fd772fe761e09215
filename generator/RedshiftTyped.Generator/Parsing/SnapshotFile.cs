using Microsoft.CodeAnalysis.Text;

namespace RedshiftTyped.Generator.Parsing;

/// <summary>
/// A snapshot file's path and text. Compared by path and content, so re-reading an unchanged file is Unchanged.
/// SourceText is kept (it is the text, not a compilation) because line positions for diagnostics come from it.
/// </summary>
internal sealed class SnapshotFile(string path, SourceText text) : System.IEquatable<SnapshotFile>
{
    public string Path { get; } = path;

    public SourceText Text { get; } = text;

    public bool Equals(SnapshotFile? other)
        => other is not null && Path == other.Path && (ReferenceEquals(Text, other.Text) || Text.ContentEquals(other.Text));

    public override bool Equals(object? obj) => Equals(obj as SnapshotFile);

    public override int GetHashCode() => Path.GetHashCode();
}
