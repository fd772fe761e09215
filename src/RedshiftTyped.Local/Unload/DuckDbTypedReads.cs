using System.Data.Common;
using DuckDB.NET.Native;
using RedshiftTyped.Local.Engine;

namespace RedshiftTyped.Local.Unload;

/// <summary>
/// Reads one value of a DuckDB result column as the type its Parquet column holds, without boxing it
/// (<see cref="DbDataReader.GetInt32"/>, <see cref="DbDataReader.GetFieldValue{T}"/>…), for UNLOAD's column buffers.
/// Returns false for a value the typed read cannot give exactly (a date or timestamp outside the years 1–9999), which the
/// caller then reads through <see cref="IEngineConnection.ReadValue"/> as before.
/// </summary>
internal delegate bool TypedRead<T>(DbDataReader reader, int ordinal, out T value);

/// <summary>
/// The typed reads UNLOAD uses on DuckDB, chosen per column from the engine's type name (<see cref="DbDataReader.GetDataTypeName"/>)
/// and the Redshift type the column is reported as: only where both agree, so the value written is the one
/// <see cref="IEngineConnection.ReadValue"/> would have given, unboxed. Any other pair (a TINYINT reported as SMALLINT,
/// decimals read as text for being wider than System.Decimal, TIME, strings) keeps the boxed read.
/// </summary>
internal static class DuckDbTypedReads
{
    /// <summary>The typed read for a column whose buffer holds <typeparamref name="T"/>; null when there is none.</summary>
    public static TypedRead<T>? For<T>(RsTypeInfo type, string engineTypeName)
    {
        Delegate? read = (type.Type, engineTypeName) switch
        {
            (RsType.Int2, "SmallInt") => (TypedRead<short>)((DbDataReader r, int i, out short v) => { v = r.GetInt16(i); return true; }),
            (RsType.Int4, "Integer") => (TypedRead<int>)((DbDataReader r, int i, out int v) => { v = r.GetInt32(i); return true; }),
            (RsType.Int8, "BigInt") => (TypedRead<long>)((DbDataReader r, int i, out long v) => { v = r.GetInt64(i); return true; }),
            (RsType.Float4, "Float") => (TypedRead<float>)((DbDataReader r, int i, out float v) => { v = r.GetFloat(i); return true; }),
            (RsType.Float8, "Double") => (TypedRead<double>)((DbDataReader r, int i, out double v) => { v = r.GetDouble(i); return true; }),
            (RsType.Bool, "Boolean") => (TypedRead<bool>)((DbDataReader r, int i, out bool v) => { v = r.GetBoolean(i); return true; }),
            (RsType.Numeric, "Decimal") => (TypedRead<decimal>)((DbDataReader r, int i, out decimal v) => { v = r.GetDecimal(i); return true; }),
            (RsType.Date, "Date") => (TypedRead<DateOnly>)ReadDate,
            (RsType.Timestamp, "Timestamp") => (TypedRead<DateTime>)((DbDataReader r, int i, out DateTime v) => ReadTimestamp(r, i, DateTimeKind.Unspecified, out v)),
            (RsType.TimestampTz, "TimestampTz") => (TypedRead<DateTime>)((DbDataReader r, int i, out DateTime v) => ReadTimestamp(r, i, DateTimeKind.Utc, out v)),
            _ => null,
        };
        return read as TypedRead<T>;
    }

    private static bool ReadDate(DbDataReader reader, int ordinal, out DateOnly value)
    {
        var day = reader.GetFieldValue<DuckDBDateOnly>(ordinal);
        bool inRange = day.Year is >= 1 and <= 9999;
        value = inRange ? new DateOnly(day.Year, day.Month, day.Day) : default;
        return inRange;
    }

    /// <summary>As <see cref="DuckDbBackend.ReadValue"/> reads timestamps: DuckDB's parts, so years outside 1–9999 are seen, not wrapped.</summary>
    private static bool ReadTimestamp(DbDataReader reader, int ordinal, DateTimeKind kind, out DateTime value)
    {
        var timestamp = reader.GetFieldValue<DuckDBTimestamp>(ordinal);
        var (date, time) = (timestamp.Date, timestamp.Time);
        if (date.Year is < 1 or > 9999)
        {
            value = default;
            return false;
        }

        long micros = ((time.Hour * 60L + time.Min) * 60 + time.Sec) * 1_000_000 + time.Microsecond;
        value = new DateTime(date.Year, date.Month, date.Day, 0, 0, 0, kind).AddTicks(micros * 10);
        return true;
    }
}
