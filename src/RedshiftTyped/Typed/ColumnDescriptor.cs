using RedshiftTyped.Values;

namespace RedshiftTyped.Typed;

/// <summary>One column of a compiled table: its Redshift name and type, and the .NET property it is read into.</summary>
public sealed class ColumnDescriptor
{
    /// <summary>For generated code: a compiled column.</summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public ColumnDescriptor(
        string table,
        string name,
        int ordinal,
        int position,
        string redshiftType,
        string typeName,
        Type clrType,
        bool isNullable,
        int? length,
        int? precision,
        int? scale,
        string propertyName)
    {
        Table = table;
        Name = name;
        Ordinal = ordinal;
        Position = position;
        RedshiftType = redshiftType;
        TypeName = typeName;
        Type = RedshiftTypeNames.Parse(typeName);
        ClrType = clrType;
        IsNullable = isNullable;
        Length = length;
        Precision = precision;
        Scale = scale;
        PropertyName = propertyName;
    }

    /// <summary><c>database.schema.table</c>, for messages.</summary>
    public string Table { get; }

    /// <summary>The column name as Redshift spells it.</summary>
    public string Name { get; }

    /// <summary>The column's ordinal position in the table (1-based, as the catalog counts).</summary>
    public int Ordinal { get; }

    /// <summary>The column's position in the select list and in each record read (0-based).</summary>
    public int Position { get; }

    /// <summary>The type as declared: <c>character varying(256)</c>, <c>numeric(18,2)</c>.</summary>
    public string RedshiftType { get; }

    /// <summary>The normalised type name: <c>varchar</c>, <c>numeric</c>, <c>timestamptz</c>.</summary>
    public string TypeName { get; }

    /// <summary>The normalised type as the runtime's enum.</summary>
    public RedshiftType Type { get; }

    /// <summary>The property type, nullable where the column is.</summary>
    public Type ClrType { get; }

    /// <summary>Whether the column may hold NULL (the property is then nullable).</summary>
    public bool IsNullable { get; }

    /// <summary>The declared length of a character or varbyte column; null otherwise.</summary>
    public int? Length { get; }

    /// <summary>The precision of a numeric column (digits) or an integer type's bits; null otherwise.</summary>
    public int? Precision { get; }

    /// <summary>The scale of a numeric column (digits after the point); null otherwise.</summary>
    public int? Scale { get; }

    /// <summary>The name of the record property that holds the column.</summary>
    public string PropertyName { get; }

    /// <summary>The column name quoted for SQL: double quotes, inner quotes doubled.</summary>
    public string QuotedName => RedshiftIdentifier.Quote(Name);

    /// <inheritdoc/>
    public override string ToString() => $"{Name} {RedshiftType}{(IsNullable ? string.Empty : " not null")}";
}
