using RedshiftTyped.Incremental.Offsets;

namespace RedshiftTyped.Incremental.Reading;

/// <summary>
/// Refuses an offset taken of another table, or with another ingestion type, cursor or key, or whose columns changed type
/// since: reading from it would skip or repeat rows without saying so.
/// </summary>
internal static class OffsetCheck
{
    private const string StartOver = "start over without an offset (a full read)";

    public static void CheckNames(string table, ChangeOptions options, IReadOnlyList<string> keys, ChangeOffset? offset)
    {
        if (offset is null)
        {
            return;
        }

        if (!string.Equals(offset.Table, table, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The offset is of {offset.Table}, not {table}: pass the offset the last read of {table} returned, or {StartOver}.",
                nameof(offset));
        }

        if (offset.IngestionType != options.IngestionType)
        {
            string was = IngestionTypeNames.Name(offset.IngestionType);
            throw new ArgumentException(
                $"The offset of {table} was taken by a {was} read, and this read is {IngestionTypeNames.Name(options.IngestionType)}: read as {was}, or {StartOver}.",
                nameof(offset));
        }

        if (!string.Equals(offset.Cursor, options.Cursor.Name, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"The offset orders {table} by cursor \"{offset.Cursor}\", and this read by \"{options.Cursor.Name}\": keep cursor \"{offset.Cursor}\", or {StartOver}.",
                nameof(offset));
        }

        if (!offset.Keys.SequenceEqual(keys, StringComparer.Ordinal))
        {
            throw new ArgumentException(
                $"The offset keys {table} by ({string.Join(", ", offset.Keys)}), and this read by ({string.Join(", ", keys)}): keep the keys, or {StartOver}.",
                nameof(offset));
        }
    }

    public static void CheckTypes(string table, ChangeColumnSet columns, ChangeOffset? offset)
    {
        if (offset is null)
        {
            return;
        }

        foreach (var (was, now) in new[] { (offset.CursorColumn, columns.Cursor) }.Concat(offset.KeyColumnList.Zip(columns.Keys)))
        {
            if (was.Type != now.Type || (was.Type == Values.RedshiftType.Numeric && (was.Precision > 28) != (now.Precision > 28)))
            {
                throw new ArgumentException(
                    $"Column \"{now.Name}\" of {table} was {Describe(was)} when the offset was taken and is {Describe(now)} now: {StartOver}.", nameof(offset));
            }
        }
    }

    private static string Describe(OffsetColumn column) => column.Precision > 0 ? $"{column.TypeName}({column.Precision})" : column.TypeName;
}
