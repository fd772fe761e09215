using RedshiftTyped.Local.Dialect.Functions;
using RedshiftTyped.Local.Dialect.Syntax;
using RedshiftTyped.Local.Dialect.Typing;
using RedshiftTyped.Local.Engine;
using RedshiftTyped.Local.Statements;
using RedshiftTyped.Local.Storage;

namespace RedshiftTyped.Local.Dialect.Emit;

/// <summary>
/// CAST (and <c>::</c>, CONVERT) from one Redshift type to another where the engines' casts differ from Redshift's
/// (https://docs.aws.amazon.com/redshift/latest/dg/r_CAST_function.html, r_VARBYTE_type, r_SUPER_type): VARCHAR(n) and
/// CHAR(n) truncate (DuckDB's VARCHAR has no length), a value cast to SUPER is a scalar of its kind (as
/// Storage/StoredValues stores it), SUPER casts to a scalar type read the scalar (NULL when it is not one), VARBYTE
/// from text is its UTF-8 bytes and from integers their big-endian bytes.
/// </summary>
internal static class CastRules
{
    public static string Emit(SqlEmitter emitter, string sql, RsTypeInfo? source, RsTypeInfo target, Expr operand)
    {
        bool duck = emitter.Engine == EngineKind.DuckDb;
        string engineType = emitter.EngineType(target);
        string Cast(string value) => $"CAST({value} AS {engineType})";

        if (source is { Type: RsType.Super } && target.Type != RsType.Super)
        {
            return FromSuper(sql, target, duck, engineType);
        }

        switch (target.Type)
        {
            case RsType.Super:
                // A cast to SUPER stores the value as SUPER does: one conversion for casts and written values.
                return StoredValues.ToSuper(emitter.Engine, operand is Placeholder ? Types.VarcharMax : source, sql);
            case RsType.Varbyte:
                return ToVarbyte(sql, source, duck);
            case RsType.Varchar or RsType.Bpchar:
                if (source is { Type: RsType.Varbyte }) return duck ? $"decode({sql})" : $"convert_from({sql}, 'UTF8')";
                if (duck && target.Length is int length && target.Length < 65535)
                {
                    return $"left(CAST({sql} AS VARCHAR), {length})";
                }

                return Cast(sql);
            case RsType.Bool when source is { Type: RsType.Numeric }:
                // limitations-super.md: "SELECT 5.0::bool" fails; DuckDB would cast it.
                throw new EngineFailure("ERROR: cannot cast type numeric to boolean");
            case RsType.Geometry or RsType.HllSketch:
                throw new EngineFailure($"ERROR: {target.TypeName} is not supported by the local server");
            default:
                return Cast(sql);
        }
    }

    /// <summary>A SUPER scalar as another type; objects and arrays (and failed conversions) are NULL.</summary>
    private static string FromSuper(string sql, RsTypeInfo target, bool duck, string engineType)
    {
        if (target.Type == RsType.Bool)
        {
            return SuperToBool(sql, duck, engineType);
        }

        if (duck)
        {
            string scalar = $"CASE WHEN json_type({sql}) IN ('OBJECT', 'ARRAY') THEN NULL ELSE json_extract_string({sql}, '$') END";
            return target.Type is RsType.Varchar or RsType.Bpchar ? scalar : $"TRY_CAST({scalar} AS {engineType})";
        }

        string text = $"CASE WHEN json_typeof({sql}) IN ('object', 'array') THEN NULL ELSE ({sql}) #>> '{{}}' END";
        return target.Type is RsType.Varchar or RsType.Bpchar ? text : $"CAST({text} AS {engineType})";
    }

    /// <summary>
    /// A SUPER scalar as BOOLEAN (limitations-super.md): a boolean is itself, an integer is true unless 0
    /// (<c>5::super::bool</c> is true), a decimal or float is NULL (<c>5.0::super::bool</c>), a string is read as boolean text.
    /// </summary>
    private static string SuperToBool(string sql, bool duck, string engineType)
    {
        if (duck)
        {
            string text = $"json_extract_string({sql}, '$')";
            return $"CASE json_type({sql}) WHEN 'BOOLEAN' THEN CAST({text} AS BOOLEAN) WHEN 'BIGINT' THEN CAST({text} AS HUGEINT) <> 0 "
                + $"WHEN 'UBIGINT' THEN CAST({text} AS HUGEINT) <> 0 WHEN 'VARCHAR' THEN TRY_CAST({text} AS BOOLEAN) END";
        }

        string value = $"(({sql}) #>> '{{}}')";
        return $"CASE json_typeof({sql}) WHEN 'boolean' THEN CAST({value} AS {engineType}) "
            + $"WHEN 'number' THEN CASE WHEN {value} ~ '^-?[0-9]+$' THEN CAST({value} AS numeric) <> 0 END "
            + $"WHEN 'string' THEN CAST({value} AS {engineType}) END";
    }

    /// <summary>
    /// To VARBYTE: text as its UTF-8 bytes (CHAR keeps its padding), integers as their big-endian two's-complement
    /// bytes of the integer's width (https://docs.aws.amazon.com/redshift/latest/dg/r_VARBYTE_type.html).
    /// </summary>
    private static string ToVarbyte(string sql, RsTypeInfo? source, bool duck)
    {
        switch (source?.Type)
        {
            case RsType.Varbyte:
                return sql;
            case RsType.Int2 or RsType.Int4 or RsType.Int8:
            {
                int digits = source.Value.Type switch { RsType.Int2 => 4, RsType.Int4 => 8, _ => 16 };
                string mask = digits == 16 ? "" : $" & {(1L << (digits * 4)) - 1}";
                string hex = $"lpad(to_hex(CAST({sql} AS BIGINT){mask}), {digits}, '0')";
                return duck ? $"unhex({hex})" : $"decode({hex}, 'hex')";
            }

            case RsType.Bpchar when source.Value.Length is int width:
                return duck ? $"encode(rpad(CAST({sql} AS VARCHAR), {width}, ' '))" : $"convert_to(rpad(CAST({sql} AS text), {width}, ' '), 'UTF8')";
            default:
                return duck ? $"encode(CAST({sql} AS VARCHAR))" : $"convert_to(CAST({sql} AS text), 'UTF8')";
        }
    }
}
