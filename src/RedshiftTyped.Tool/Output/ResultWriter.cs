using System.Data.SqlTypes;
using System.Globalization;
using RedshiftTyped.DataApi.Model;

namespace RedshiftTyped.Tool.Output;

/// <summary>Writes a result as it streams in, one page at a time.</summary>
internal abstract class ResultWriter
{
    public static ResultWriter Create(string format, TextWriter output) => format switch
    {
        "json" => new JsonResultWriter(output),
        "csv" => new CsvResultWriter(output),
        _ => new TableResultWriter(output),
    };

    public abstract void Begin(IReadOnlyList<ColumnMetadata> columns);

    public abstract void WriteRow(object?[] row);

    /// <summary>Called once at the end, with the rows written (or affected, for a statement without a result).</summary>
    public abstract void End(long rows, bool hadResultSet);

    /// <summary>A value as text: invariant culture, ISO-8601 dates, base64 bytes, exact numerics.</summary>
    public static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        DateTime dt => dt.ToString(dt.TimeOfDay == TimeSpan.Zero && dt.Ticks % TimeSpan.TicksPerDay == 0 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture),
        // A timetz value is a DateTimeOffset on 0001-01-02 (RedshiftTextParser.ParseTimeTz); it has no date to print.
        DateTimeOffset { Year: 1, Month: 1, Day: 2 } timetz => timetz.ToString("HH:mm:ss.FFFFFFzzz", CultureInfo.InvariantCulture).Replace(".+", "+", StringComparison.Ordinal).Replace(".-", "-", StringComparison.Ordinal),
        DateTimeOffset dto => dto.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFzzz", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString("HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture).TrimEnd('.'),
        byte[] bytes => Convert.ToBase64String(bytes),
        // Tested by type name, not as a SqlDecimal pattern: that would load System.Data.Common and, through
        // SqlDecimal's IXmlSerializable, System.Private.Xml into every process that prints a value (start-up cost).
        _ when value.GetType().FullName == "System.Data.SqlTypes.SqlDecimal" => SqlDecimalText(value),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static string SqlDecimalText(object value) => ((SqlDecimal)value).ToString();

    public static string ColumnName(ColumnMetadata column, int index) => column.Label ?? column.Name ?? $"column{index + 1}";
}
