namespace RedshiftTyped.Generator.Model;

/// <summary>What a column's values become in .NET; decides the property type, the readers and the Arrow type.</summary>
internal enum ColumnValueKind
{
    Int16,
    Int32,
    Int64,
    Single,
    Double,
    Decimal,
    SqlDecimal,
    Boolean,
    String,
    Date,
    Time,
    TimeTz,
    Timestamp,
    TimestampTz,
    Interval,
    Super,
    VarByte,
}
