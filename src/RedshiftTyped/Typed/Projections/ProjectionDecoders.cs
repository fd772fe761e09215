// Written by a script for arities 1 to 8 (one class per arity keeps every value unboxed while decoding).

namespace RedshiftTyped.Typed.Projections;

/// <summary>Decodes the 1 selected column of each record into a value, in select-list order.</summary>
internal sealed class ProjectionDecoder<T1>(ColumnProjection projection, ColumnReader<T1> r1) : IRowDecoder<T1>
{
    public T1 DecodeJson(ref JsonRecordScanner scanner)
    {
        JsonFieldReader.BeginRecord(ref scanner, projection.Table, projection);
        var row = r1.Json(ref scanner);
        JsonFieldReader.EndRecord(ref scanner, projection.Table, projection);
        return row;
    }

    public T1 DecodeCsv(string?[] fields)
    {
        CsvFieldReader.CheckWidth(fields, projection.Table, projection);
        return r1.Csv(fields[0]);
    }

    public static object?[] Box(T1 row) => [row];
}

/// <summary>Decodes the 2 selected columns of each record into a tuple, in select-list order.</summary>
internal sealed class ProjectionDecoder<T1, T2>(ColumnProjection projection, ColumnReader<T1> r1, ColumnReader<T2> r2) : IRowDecoder<(T1, T2)>
{
    public (T1, T2) DecodeJson(ref JsonRecordScanner scanner)
    {
        JsonFieldReader.BeginRecord(ref scanner, projection.Table, projection);
        var row = (r1.Json(ref scanner), r2.Json(ref scanner));
        JsonFieldReader.EndRecord(ref scanner, projection.Table, projection);
        return row;
    }

    public (T1, T2) DecodeCsv(string?[] fields)
    {
        CsvFieldReader.CheckWidth(fields, projection.Table, projection);
        return (r1.Csv(fields[0]), r2.Csv(fields[1]));
    }

    public static object?[] Box((T1, T2) row) => [row.Item1, row.Item2];
}

/// <summary>Decodes the 3 selected columns of each record into a tuple, in select-list order.</summary>
internal sealed class ProjectionDecoder<T1, T2, T3>(ColumnProjection projection, ColumnReader<T1> r1, ColumnReader<T2> r2, ColumnReader<T3> r3) : IRowDecoder<(T1, T2, T3)>
{
    public (T1, T2, T3) DecodeJson(ref JsonRecordScanner scanner)
    {
        JsonFieldReader.BeginRecord(ref scanner, projection.Table, projection);
        var row = (r1.Json(ref scanner), r2.Json(ref scanner), r3.Json(ref scanner));
        JsonFieldReader.EndRecord(ref scanner, projection.Table, projection);
        return row;
    }

    public (T1, T2, T3) DecodeCsv(string?[] fields)
    {
        CsvFieldReader.CheckWidth(fields, projection.Table, projection);
        return (r1.Csv(fields[0]), r2.Csv(fields[1]), r3.Csv(fields[2]));
    }

    public static object?[] Box((T1, T2, T3) row) => [row.Item1, row.Item2, row.Item3];
}

/// <summary>Decodes the 4 selected columns of each record into a tuple, in select-list order.</summary>
internal sealed class ProjectionDecoder<T1, T2, T3, T4>(ColumnProjection projection, ColumnReader<T1> r1, ColumnReader<T2> r2, ColumnReader<T3> r3, ColumnReader<T4> r4) : IRowDecoder<(T1, T2, T3, T4)>
{
    public (T1, T2, T3, T4) DecodeJson(ref JsonRecordScanner scanner)
    {
        JsonFieldReader.BeginRecord(ref scanner, projection.Table, projection);
        var row = (r1.Json(ref scanner), r2.Json(ref scanner), r3.Json(ref scanner), r4.Json(ref scanner));
        JsonFieldReader.EndRecord(ref scanner, projection.Table, projection);
        return row;
    }

    public (T1, T2, T3, T4) DecodeCsv(string?[] fields)
    {
        CsvFieldReader.CheckWidth(fields, projection.Table, projection);
        return (r1.Csv(fields[0]), r2.Csv(fields[1]), r3.Csv(fields[2]), r4.Csv(fields[3]));
    }

    public static object?[] Box((T1, T2, T3, T4) row) => [row.Item1, row.Item2, row.Item3, row.Item4];
}

/// <summary>Decodes the 5 selected columns of each record into a tuple, in select-list order.</summary>
internal sealed class ProjectionDecoder<T1, T2, T3, T4, T5>(ColumnProjection projection, ColumnReader<T1> r1, ColumnReader<T2> r2, ColumnReader<T3> r3, ColumnReader<T4> r4, ColumnReader<T5> r5) : IRowDecoder<(T1, T2, T3, T4, T5)>
{
    public (T1, T2, T3, T4, T5) DecodeJson(ref JsonRecordScanner scanner)
    {
        JsonFieldReader.BeginRecord(ref scanner, projection.Table, projection);
        var row = (r1.Json(ref scanner), r2.Json(ref scanner), r3.Json(ref scanner), r4.Json(ref scanner), r5.Json(ref scanner));
        JsonFieldReader.EndRecord(ref scanner, projection.Table, projection);
        return row;
    }

    public (T1, T2, T3, T4, T5) DecodeCsv(string?[] fields)
    {
        CsvFieldReader.CheckWidth(fields, projection.Table, projection);
        return (r1.Csv(fields[0]), r2.Csv(fields[1]), r3.Csv(fields[2]), r4.Csv(fields[3]), r5.Csv(fields[4]));
    }

    public static object?[] Box((T1, T2, T3, T4, T5) row) => [row.Item1, row.Item2, row.Item3, row.Item4, row.Item5];
}

/// <summary>Decodes the 6 selected columns of each record into a tuple, in select-list order.</summary>
internal sealed class ProjectionDecoder<T1, T2, T3, T4, T5, T6>(ColumnProjection projection, ColumnReader<T1> r1, ColumnReader<T2> r2, ColumnReader<T3> r3, ColumnReader<T4> r4, ColumnReader<T5> r5, ColumnReader<T6> r6) : IRowDecoder<(T1, T2, T3, T4, T5, T6)>
{
    public (T1, T2, T3, T4, T5, T6) DecodeJson(ref JsonRecordScanner scanner)
    {
        JsonFieldReader.BeginRecord(ref scanner, projection.Table, projection);
        var row = (r1.Json(ref scanner), r2.Json(ref scanner), r3.Json(ref scanner), r4.Json(ref scanner), r5.Json(ref scanner), r6.Json(ref scanner));
        JsonFieldReader.EndRecord(ref scanner, projection.Table, projection);
        return row;
    }

    public (T1, T2, T3, T4, T5, T6) DecodeCsv(string?[] fields)
    {
        CsvFieldReader.CheckWidth(fields, projection.Table, projection);
        return (r1.Csv(fields[0]), r2.Csv(fields[1]), r3.Csv(fields[2]), r4.Csv(fields[3]), r5.Csv(fields[4]), r6.Csv(fields[5]));
    }

    public static object?[] Box((T1, T2, T3, T4, T5, T6) row) => [row.Item1, row.Item2, row.Item3, row.Item4, row.Item5, row.Item6];
}

/// <summary>Decodes the 7 selected columns of each record into a tuple, in select-list order.</summary>
internal sealed class ProjectionDecoder<T1, T2, T3, T4, T5, T6, T7>(ColumnProjection projection, ColumnReader<T1> r1, ColumnReader<T2> r2, ColumnReader<T3> r3, ColumnReader<T4> r4, ColumnReader<T5> r5, ColumnReader<T6> r6, ColumnReader<T7> r7) : IRowDecoder<(T1, T2, T3, T4, T5, T6, T7)>
{
    public (T1, T2, T3, T4, T5, T6, T7) DecodeJson(ref JsonRecordScanner scanner)
    {
        JsonFieldReader.BeginRecord(ref scanner, projection.Table, projection);
        var row = (r1.Json(ref scanner), r2.Json(ref scanner), r3.Json(ref scanner), r4.Json(ref scanner), r5.Json(ref scanner), r6.Json(ref scanner), r7.Json(ref scanner));
        JsonFieldReader.EndRecord(ref scanner, projection.Table, projection);
        return row;
    }

    public (T1, T2, T3, T4, T5, T6, T7) DecodeCsv(string?[] fields)
    {
        CsvFieldReader.CheckWidth(fields, projection.Table, projection);
        return (r1.Csv(fields[0]), r2.Csv(fields[1]), r3.Csv(fields[2]), r4.Csv(fields[3]), r5.Csv(fields[4]), r6.Csv(fields[5]), r7.Csv(fields[6]));
    }

    public static object?[] Box((T1, T2, T3, T4, T5, T6, T7) row) => [row.Item1, row.Item2, row.Item3, row.Item4, row.Item5, row.Item6, row.Item7];
}

/// <summary>Decodes the 8 selected columns of each record into a tuple, in select-list order.</summary>
internal sealed class ProjectionDecoder<T1, T2, T3, T4, T5, T6, T7, T8>(ColumnProjection projection, ColumnReader<T1> r1, ColumnReader<T2> r2, ColumnReader<T3> r3, ColumnReader<T4> r4, ColumnReader<T5> r5, ColumnReader<T6> r6, ColumnReader<T7> r7, ColumnReader<T8> r8) : IRowDecoder<(T1, T2, T3, T4, T5, T6, T7, T8)>
{
    public (T1, T2, T3, T4, T5, T6, T7, T8) DecodeJson(ref JsonRecordScanner scanner)
    {
        JsonFieldReader.BeginRecord(ref scanner, projection.Table, projection);
        var row = (r1.Json(ref scanner), r2.Json(ref scanner), r3.Json(ref scanner), r4.Json(ref scanner), r5.Json(ref scanner), r6.Json(ref scanner), r7.Json(ref scanner), r8.Json(ref scanner));
        JsonFieldReader.EndRecord(ref scanner, projection.Table, projection);
        return row;
    }

    public (T1, T2, T3, T4, T5, T6, T7, T8) DecodeCsv(string?[] fields)
    {
        CsvFieldReader.CheckWidth(fields, projection.Table, projection);
        return (r1.Csv(fields[0]), r2.Csv(fields[1]), r3.Csv(fields[2]), r4.Csv(fields[3]), r5.Csv(fields[4]), r6.Csv(fields[5]), r7.Csv(fields[6]), r8.Csv(fields[7]));
    }

    public static object?[] Box((T1, T2, T3, T4, T5, T6, T7, T8) row) => [row.Item1, row.Item2, row.Item3, row.Item4, row.Item5, row.Item6, row.Item7, row.Item8];
}
