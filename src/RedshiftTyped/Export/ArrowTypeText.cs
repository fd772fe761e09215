using Apache.Arrow.Types;

namespace RedshiftTyped.Export;

/// <summary>Arrow types as short text, in the notation pyarrow prints (<c>decimal128(10, 2)</c>, <c>timestamp[us, tz=UTC]</c>).</summary>
public static class ArrowTypeText
{
    /// <summary>The type's text, parameters included, so two types with the same text are the same type.</summary>
    public static string Describe(IArrowType type) => type switch
    {
        Int8Type => "int8",
        Int16Type => "int16",
        Int32Type => "int32",
        Int64Type => "int64",
        HalfFloatType => "halffloat",
        FloatType => "float",
        DoubleType => "double",
        Decimal128Type d => $"decimal128({d.Precision}, {d.Scale})",
        BooleanType => "bool",
        Date32Type => "date32",
        Time32Type t => $"time32[{Unit(t.Unit)}]",
        Time64Type t => $"time64[{Unit(t.Unit)}]",
        TimestampType t => string.IsNullOrEmpty(t.Timezone) ? $"timestamp[{Unit(t.Unit)}]" : $"timestamp[{Unit(t.Unit)}, tz={t.Timezone}]",
        DurationType t => $"duration[{Unit(t.Unit)}]",
        BinaryType => "binary",
        StringType => "string",
        _ => type.Name,
    };

    /// <summary>True when both are the same type with the same parameters.</summary>
    public static bool SameType(IArrowType a, IArrowType b) => a.TypeId == b.TypeId && Describe(a) == Describe(b);

    private static string Unit(TimeUnit unit) => unit switch
    {
        TimeUnit.Second => "s",
        TimeUnit.Millisecond => "ms",
        TimeUnit.Microsecond => "us",
        _ => "ns",
    };
}
