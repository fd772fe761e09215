using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RedshiftTyped.Generator.Model;
using RedshiftTyped.Generator.Parsing;

namespace RedshiftTyped.Generator.Emit;

/// <summary>
/// Writes one table's source: the record, and nested in it the descriptor, the JSON / CSV row decoder and the Arrow
/// batch builder. A pure function of the plan; no Roslyn types.
/// </summary>
internal static class TableEmitter
{
    private const string Typed = "global::RedshiftTyped.Typed.";
    private const string Arrow = "global::Apache.Arrow.";

    public static string HintName(TableEmitPlan plan) => plan.Naming.HintName;

    public static string Emit(TableEmitPlan plan)
    {
        var table = plan.Table;
        var naming = plan.Naming;
        string record = Naming.Identifiers.Escape(naming.RecordName);
        string display = table.Database + "." + table.Schema + "." + table.Name;
        var w = new SourceWriter();
        Header.Write(w);
        w.Open("namespace " + naming.Namespace);

        w.Line($"/// <summary>A row of the Redshift {KindText(table.Kind)} <c>{CSharp.Xml(table.Schema)}.{CSharp.Xml(table.Name)}</c> in the database <c>{CSharp.Xml(table.Database)}</c>.</summary>");
        if (table.Comment is { Length: > 0 } comment)
        {
            w.Line($"/// <remarks>{CSharp.Xml(comment)}</remarks>");
        }

        w.Line(Header.GeneratedCode);
        w.Open($"public sealed partial record {record}");
        foreach (var column in table.Columns)
        {
            WriteProperty(w, column);
        }

        // Inside RedshiftTable the record is named in full: a record named Column would otherwise bind to the nested
        // class RedshiftTable.Column.
        WriteMetadataClass(w, plan, "global::" + naming.Namespace + "." + record, display);
        w.Close();
        w.Close();
        return w.ToString();
    }

    internal static void WriteProperty(SourceWriter w, ColumnModel column)
    {
        string nullability = column.IsNullable ? "nullable" : "not null";
        w.Line($"/// <summary>Column <c>{CSharp.Xml(column.Name)}</c> (ordinal {column.Ordinal}): <c>{CSharp.Xml(column.DeclaredType)}</c>, {nullability}.</summary>");
        if (column.Comment is { Length: > 0 } comment)
        {
            w.Line($"/// <remarks>{CSharp.Xml(comment)}</remarks>");
        }

        string required = column.IsNullable ? string.Empty : "required ";
        w.Line($"public {required}{PropertyType(column)} {column.PropertyName} {{ get; init; }}");
        w.Line();
    }

    private static void WriteMetadataClass(SourceWriter w, TableEmitPlan plan, string record, string display)
    {
        var table = plan.Table;
        var columns = table.Columns;
        w.Line($"/// <summary>The Redshift metadata of <see cref=\"{record}\"/> and its reflection-free readers.</summary>");
        w.Line(Header.GeneratedCode);
        w.Open("public static class RedshiftTable");

        WriteColumnArray(w, display, columns);
        w.Line();
        string selectList = SelectList(columns);
        w.Line("/// <summary>The columns read, in select-list order.</summary>");
        w.Line($"public static global::System.Collections.Generic.IReadOnlyList<{Typed}ColumnDescriptor> Columns => Descriptor.Columns;");
        w.Line();
        w.Line("/// <summary>The quoted select list: every column read, in order.</summary>");
        w.Line($"public const string SelectList = {CSharp.Literal(selectList)};");
        w.Line();
        WriteArrowSchema(w, columns);
        w.Line();
        w.Line("/// <summary>The table: names, columns, key, select list, decoder and Arrow builder.</summary>");
        w.Line($"public static {Typed}TableDescriptor<{record}> Descriptor {{ get; }} = new(");
        w.Indentation++;
        w.Line($"database: {CSharp.Literal(table.Database)},");
        w.Line($"schema: {CSharp.Literal(table.Schema)},");
        w.Line($"name: {CSharp.Literal(table.Name)},");
        w.Line($"kind: {Typed}TableKind.{table.Kind},");
        w.Line($"comment: {CSharp.Literal(table.Comment)},");
        w.Line("columns: s_columns,");
        w.Line(table.PrimaryKey.Count == 0
            ? "primaryKey: global::System.Array.Empty<string>(),"
            : $"primaryKey: new string[] {{ {string.Join(", ", table.PrimaryKey.Select(k => CSharp.Literal(k)))} }},");
        w.Line("selectList: SelectList,");
        w.Line("decoder: new RowDecoder(),");
        w.Line("arrowSchema: ArrowSchema,");
        w.Line("createArrowBuilder: static () => new ArrowBatchBuilder());");
        w.Indentation--;
        w.Line();
        WriteColumnHandles(w, plan, record);
        w.Line();

        // The decoder and the Arrow builder are a few straight-line methods of one statement per column; the compiler's
        // nullable flow analysis of them is most of the compile time of a wide table (two thirds at 1,600 columns, see
        // docs/generator.md). Their nullability is right by construction (every value comes from a typed
        // Read…/Read…OrNull reader, every nullable property is tested before it is appended) and is checked by the
        // generator tests with the warnings on; annotations stay on, so their signatures keep their nullability.
        w.Directive("#nullable disable warnings");
        WriteDecoder(w, columns, record);
        w.Line();
        WriteArrowBuilder(w, columns, record);
        w.Directive("#nullable restore warnings");
        w.Close();
    }

    /// <summary><c>s_columns</c>: the column descriptors, in select-list order; <paramref name="display"/> names their owner in messages.</summary>
    internal static void WriteColumnArray(SourceWriter w, string display, EquatableArray<ColumnModel> columns)
    {
        w.Open($"private static readonly {Typed}ColumnDescriptor[] s_columns =");
        for (int i = 0; i < columns.Count; i++)
        {
            var c = columns[i];
            w.Line($"new({CSharp.Literal(display)}, {CSharp.Literal(c.Name)}, {c.Ordinal}, {i}, {CSharp.Literal(c.DeclaredType)}, {CSharp.Literal(c.TypeName)}, typeof({TypeOfOperand(c)}), {CSharp.Literal(c.IsNullable)}, {CSharp.Literal(c.Length)}, {CSharp.Literal(c.Precision)}, {CSharp.Literal(c.Scale)}, {CSharp.Literal(Bare(c.PropertyName))}),");
        }

        w.Close(";");
    }

    /// <summary><c>ArrowSchema</c>: one field per column, typed as the builder fills it.</summary>
    internal static void WriteArrowSchema(SourceWriter w, EquatableArray<ColumnModel> columns)
    {
        w.Line("/// <summary>The Arrow schema of the record batches <see cref=\"ArrowBatchBuilder\"/> builds.</summary>");
        w.Open($"public static readonly {Arrow}Schema ArrowSchema = new(new {Arrow}Field[]");
        foreach (var c in columns)
        {
            w.Line($"new({CSharp.Literal(c.Name)}, {ArrowType(c)}, {CSharp.Literal(c.IsNullable)}),");
        }

        w.Indentation--;
        w.Line("}, null);");
    }

    /// <summary>Every column, double quoted (inner quotes doubled), in order.</summary>
    internal static string SelectList(EquatableArray<ColumnModel> columns) => string.Join(", ", columns.Select(c => CSharp.QuoteIdentifier(c.Name)));

    /// <summary>
    /// <c>RedshiftTable.Column</c>: one typed handle per column, named as its property. A property named
    /// <c>Column</c> cannot be a member of the class <c>Column</c> (CS0542); its handle is renamed the way a property
    /// named like its record is (<c>ColumnValue</c>, then <c>_2</c>, <c>_3</c>…).
    /// </summary>
    private static void WriteColumnHandles(SourceWriter w, TableEmitPlan plan, string record)
    {
        var columns = plan.Table.Columns;
        w.Line($"/// <summary>Typed handles of the columns of <see cref=\"{record}\"/>, one per property, typed by the property's type.</summary>");
        w.Line(Header.GeneratedCode);
        w.Open("public static class Column");
        var names = HandleNames(columns);
        for (int i = 0; i < columns.Count; i++)
        {
            var c = columns[i];
            string nullability = c.IsNullable ? "nullable" : "not null";
            w.Line($"/// <summary>Column <c>{CSharp.Xml(c.Name)}</c>: <c>{CSharp.Xml(c.DeclaredType)}</c>, {nullability}; property <see cref=\"{record}.{c.PropertyName}\"/>.</summary>");

            // RedshiftTable.s_columns, not s_columns: a column may be named s_columns.
            w.Line($"public static readonly {Typed}Column<{record}, {PropertyType(c)}> {names[i]} = new(RedshiftTable.s_columns[{i}]);");
            if (i < columns.Count - 1)
            {
                w.Line();
            }
        }

        w.Close();
    }

    private static string[] HandleNames(EquatableArray<ColumnModel> columns)
    {
        var taken = new HashSet<string>(SnapshotParser.ReservedMemberNames) { "Column" };
        foreach (var column in columns)
        {
            taken.Add(Bare(column.PropertyName));
        }

        var names = new string[columns.Count];
        for (int i = 0; i < columns.Count; i++)
        {
            string property = columns[i].PropertyName;
            names[i] = Bare(property) == "Column" ? Naming.Identifiers.Escape(Naming.Identifiers.Unique("ColumnValue", taken)) : property;
        }

        return names;
    }

    /// <summary>
    /// <c>RowDecoder</c>, for an enclosing class that declares <c>s_columns</c> and <c>Descriptor</c> (the
    /// <c>TableDescriptor</c> of <paramref name="record"/>).
    /// </summary>
    internal static void WriteDecoder(SourceWriter w, EquatableArray<ColumnModel> columns, string record)
    {
        w.Line($"/// <summary>Reads <see cref=\"{record}\"/> rows from Data API records, column by column, without reflection.</summary>");
        w.Line(Header.GeneratedCode);
        w.Open($"public sealed class RowDecoder : {Typed}IRowDecoder<{record}>");
        w.Line("/// <inheritdoc/>");
        w.Open($"public {record} DecodeJson(ref {Typed}JsonRecordScanner scanner)");
        w.Line($"{Typed}JsonFieldReader.BeginRecord(ref scanner, Descriptor);");
        for (int i = 0; i < columns.Count; i++)
        {
            // Explicit types, not var: a generated record may itself be named var.
            w.Line($"{PropertyType(columns[i])} c{i} = {Typed}JsonFieldReader.{ReaderMethod(columns[i])}(ref scanner, s_columns[{i}]);");
        }

        w.Line($"{Typed}JsonFieldReader.EndRecord(ref scanner, Descriptor);");
        WriteConstruction(w, record, columns);
        w.Close();
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Open($"public {record} DecodeCsv(string?[] fields)");
        w.Line($"{Typed}CsvFieldReader.CheckWidth(fields, Descriptor);");
        for (int i = 0; i < columns.Count; i++)
        {
            w.Line($"{PropertyType(columns[i])} c{i} = {Typed}CsvFieldReader.{ReaderMethod(columns[i])}(fields[{i}], s_columns[{i}]);");
        }

        WriteConstruction(w, record, columns);
        w.Close();
        w.Line();
        // UNLOAD's Parquet row groups: each value read as the property's type from the file's typed column, no text between.
        w.Line("/// <inheritdoc/>");
        w.Open($"public {record} DecodeColumns({Typed}ColumnBatch batch, int row)");
        w.Line($"{Typed}ColumnFieldReader.CheckWidth(batch, Descriptor);");
        for (int i = 0; i < columns.Count; i++)
        {
            w.Line($"{PropertyType(columns[i])} c{i} = {Typed}ColumnFieldReader.{ReaderMethod(columns[i])}(batch, {i}, row, s_columns[{i}]);");
        }

        WriteConstruction(w, record, columns);
        w.Close();
        w.Close();
    }

    private static void WriteConstruction(SourceWriter w, string record, EquatableArray<ColumnModel> columns)
    {
        if (columns.Count == 0)
        {
            w.Line($"return new {record}();");
            return;
        }

        w.Open($"return new {record}");
        for (int i = 0; i < columns.Count; i++)
        {
            w.Line($"{columns[i].PropertyName} = c{i},");
        }

        w.Close(";");
    }

    /// <summary><c>ArrowBatchBuilder</c>, for an enclosing class that declares <c>ArrowSchema</c>.</summary>
    internal static void WriteArrowBuilder(SourceWriter w, EquatableArray<ColumnModel> columns, string record)
    {
        w.Line($"/// <summary>Collects <see cref=\"{record}\"/> rows into one Arrow record batch; use a new builder per batch.</summary>");
        w.Line(Header.GeneratedCode);
        w.Open($"public sealed class ArrowBatchBuilder : {Typed}IArrowBatchBuilder<{record}>");
        for (int i = 0; i < columns.Count; i++)
        {
            w.Line($"private readonly {ArrowBuilderType(columns[i])} _b{i} = {ArrowBuilderNew(columns[i])};");
        }

        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line("public int Count { get; private set; }");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Open($"public void Append({record} record)");
        for (int i = 0; i < columns.Count; i++)
        {
            var c = columns[i];
            if (c.IsNullable)
            {
                w.Line($"if (record.{c.PropertyName} is {{ }} v{i}) _b{i}.Append({ArrowValue(c, "v" + i)}); else _b{i}.AppendNull();");
            }
            else
            {
                w.Line($"_b{i}.Append({ArrowValue(c, "record." + c.PropertyName)});");
            }
        }

        w.Line("Count++;");
        w.Close();
        w.Line();
        w.Line("/// <inheritdoc/>");
        string arrays = string.Join(", ", Enumerable.Range(0, columns.Count).Select(i => $"_b{i}.Build(null)"));
        w.Line($"public {Arrow}RecordBatch Build() => new(ArrowSchema, new {Arrow}IArrowArray[] {{ {arrays} }}, Count);");
        w.Close();
    }

    internal static string PropertyType(ColumnModel column)
        => TypeMapping.ClrTypeName(column.Kind) + (column.IsNullable ? "?" : string.Empty);

    /// <summary>typeof takes <c>int?</c> but not <c>string?</c> (CS8639).</summary>
    private static string TypeOfOperand(ColumnModel column)
        => TypeMapping.IsValueType(column.Kind) ? PropertyType(column) : TypeMapping.ClrTypeName(column.Kind);

    private static string ReaderMethod(ColumnModel column) => "Read" + column.Kind + (column.IsNullable ? "OrNull" : string.Empty);

    /// <summary>
    /// numeric(p,s) for the Arrow type: the snapshot's precision and scale, else those written in the declared type,
    /// else Redshift's default for a bare numeric, (18,0).
    /// </summary>
    private static (int Precision, int Scale) DecimalShape(ColumnModel column)
    {
        int? declaredPrecision = null;
        int? declaredScale = null;
        int open = column.DeclaredType.IndexOf('(');
        int close = column.DeclaredType.IndexOf(')');
        if (open >= 0 && close > open)
        {
            string[] parts = column.DeclaredType.Substring(open + 1, close - open - 1).Split(',');
            declaredPrecision = int.TryParse(parts[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int p) ? p : null;
            declaredScale = parts.Length > 1 && int.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int s) ? s : 0;
        }

        int precision = column.Precision ?? declaredPrecision ?? 18;
        int scale = column.Scale ?? declaredScale ?? 0;
        precision = precision is >= 1 and <= 38 ? precision : 38;
        return (precision, scale >= 0 && scale <= precision ? scale : 0);
    }

    private static string ArrowType(ColumnModel column) => column.Kind switch
    {
        ColumnValueKind.Int16 => $"{Arrow}Types.Int16Type.Default",
        ColumnValueKind.Int32 => $"{Arrow}Types.Int32Type.Default",
        ColumnValueKind.Int64 => $"{Arrow}Types.Int64Type.Default",
        ColumnValueKind.Single => $"{Arrow}Types.FloatType.Default",
        ColumnValueKind.Double => $"{Arrow}Types.DoubleType.Default",
        ColumnValueKind.Decimal or ColumnValueKind.SqlDecimal => string.Format(
            CultureInfo.InvariantCulture, "new {0}Types.Decimal128Type({1}, {2})", Arrow, DecimalShape(column).Precision, DecimalShape(column).Scale),
        ColumnValueKind.Boolean => $"{Arrow}Types.BooleanType.Default",
        ColumnValueKind.Date => $"{Arrow}Types.Date32Type.Default",
        ColumnValueKind.Time => $"new {Arrow}Types.Time64Type({Arrow}Types.TimeUnit.Microsecond)",
        ColumnValueKind.Timestamp => $"new {Arrow}Types.TimestampType({Arrow}Types.TimeUnit.Microsecond, (string?)null)",
        ColumnValueKind.TimestampTz => $"new {Arrow}Types.TimestampType({Arrow}Types.TimeUnit.Microsecond, \"UTC\")",
        ColumnValueKind.Interval => $"{Arrow}Types.DurationType.Microsecond",
        ColumnValueKind.VarByte => $"{Arrow}Types.BinaryType.Default",

        // timetz has no Arrow type that keeps its offset; super is JSON text.
        _ => $"{Arrow}Types.StringType.Default",
    };

    private static string ArrowBuilderType(ColumnModel column) => column.Kind switch
    {
        ColumnValueKind.Int16 => $"{Arrow}Int16Array.Builder",
        ColumnValueKind.Int32 => $"{Arrow}Int32Array.Builder",
        ColumnValueKind.Int64 => $"{Arrow}Int64Array.Builder",
        ColumnValueKind.Single => $"{Arrow}FloatArray.Builder",
        ColumnValueKind.Double => $"{Arrow}DoubleArray.Builder",
        ColumnValueKind.Decimal or ColumnValueKind.SqlDecimal => $"{Arrow}Decimal128Array.Builder",
        ColumnValueKind.Boolean => $"{Arrow}BooleanArray.Builder",
        ColumnValueKind.Date => $"{Arrow}Date32Array.Builder",
        ColumnValueKind.Time => $"{Arrow}Time64Array.Builder",
        ColumnValueKind.Timestamp or ColumnValueKind.TimestampTz => $"{Arrow}TimestampArray.Builder",
        ColumnValueKind.Interval => $"{Arrow}DurationArray.Builder",
        ColumnValueKind.VarByte => $"{Arrow}BinaryArray.Builder",
        _ => $"{Arrow}StringArray.Builder",
    };

    private static string ArrowBuilderNew(ColumnModel column) => column.Kind switch
    {
        ColumnValueKind.Decimal or ColumnValueKind.SqlDecimal or ColumnValueKind.Time or ColumnValueKind.Timestamp
            or ColumnValueKind.TimestampTz or ColumnValueKind.Interval => $"new({ArrowType(column)})",
        _ => "new()",
    };

    private static string ArrowValue(ColumnModel column, string value) => column.Kind switch
    {
        ColumnValueKind.TimeTz => $"{Typed}ArrowValues.TimeTz({value})",
        ColumnValueKind.Timestamp => $"{Typed}ArrowValues.Timestamp({value})",
        ColumnValueKind.Super => $"{value}.Json",
        ColumnValueKind.VarByte => $"(global::System.ReadOnlySpan<byte>){value}",
        _ => value,
    };

    private static string KindText(TableKind kind) => kind switch
    {
        TableKind.View => "view",
        TableKind.LateBindingView => "late-binding view",
        TableKind.MaterializedView => "materialized view",
        TableKind.ExternalTable => "external table",
        _ => "table",
    };

    private static string Bare(string name) => Naming.Identifiers.Bare(name);
}
