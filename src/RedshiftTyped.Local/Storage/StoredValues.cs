using RedshiftTyped.Local.Dialect.Functions;
using RedshiftTyped.Local.Engine;
using RedshiftTyped.Local.Statements;

namespace RedshiftTyped.Local.Storage;

/// <summary>
/// What storing a value in a column of a Redshift type does to it, as engine SQL around the value — the one conversion
/// of written values. The dialect layer calls it for every value an INSERT (VALUES or query), UPDATE or MERGE writes
/// into a column whose declared type it knows, and for every cast to SUPER; the value's Redshift type comes from the
/// dialect's analysis, so each value is converted once, by its type:
/// <list type="bullet">
/// <item>into SUPER: through <c>public.rs_super(x)</c> (Prelude/&lt;engine&gt;/storage.sql), so a string stays a SUPER
/// string, a number keeps its kind, a float is written with an exponent (r_SUPER_type.md, r_is_char.md, r_is_float.md,
/// limitations-super.md); CHAR loses its padding; a Data API parameter is text, so it becomes a SUPER string; a value
/// that is already SUPER (JSON_PARSE, ARRAY, OBJECT, a SUPER column) is kept as it is;</item>
/// <item>text into DATE or TIMESTAMP on DuckDB: through <c>public.rs_date</c> / <c>public.rs_timestamp</c>, which read
/// Redshift's input forms (MDY, month names, compact dates, a BC suffix; r_Date_and_time_literals.md). PostgreSQL reads
/// them natively. String literals never get here: the dialect reads them when it translates the statement.</item>
/// </list>
/// </summary>
internal static class StoredValues
{
    /// <summary>
    /// <paramref name="sql"/>, a value of Redshift type <paramref name="source"/> (null when unknown), as stored in a
    /// column of <paramref name="target"/>; null when the engine stores it as Redshift does.
    /// </summary>
    /// <exception cref="EngineFailure">A value of a type SUPER cannot hold (dates and times).</exception>
    public static string? Convert(EngineKind engine, RsTypeInfo target, RsTypeInfo? source, string sql) => target.Type switch
    {
        RsType.Super when source is { Type: RsType.Super } => null,
        RsType.Super => ToSuper(engine, source, sql),
        RsType.Date when engine == EngineKind.DuckDb && IsText(source) => $"public.rs_date({sql})",
        RsType.Timestamp when engine == EngineKind.DuckDb && IsText(source) => $"public.rs_timestamp({sql})",
        _ => null,
    };

    /// <summary>A value as a SUPER scalar of its kind (a SUPER value as it is).</summary>
    /// <exception cref="EngineFailure">A date or time: SUPER has no such scalar ("cannot cast type date to super").</exception>
    public static string ToSuper(EngineKind engine, RsTypeInfo? source, string sql) => source?.Type switch
    {
        RsType.Super => sql,
        RsType.Bpchar => $"public.rs_super(rtrim({sql}))",
        RsType.Varchar => $"public.rs_super(CAST({sql} AS {(engine == EngineKind.DuckDb ? "VARCHAR" : "text")}))",
        RsType.Date or RsType.Time or RsType.TimeTz or RsType.Timestamp or RsType.TimestampTz
            => throw new EngineFailure($"ERROR: cannot cast type {source.Value.TypeName} to super"),
        // Unknown: rs_super chooses by the engine's type (a typeof() switch on DuckDB, an overload on PostgreSQL).
        _ => $"public.rs_super({sql})",
    };

    private static bool IsText(RsTypeInfo? source) => source is null or { Type: RsType.Varchar or RsType.Bpchar };
}
