namespace RedshiftTyped.Generator.Model;

/// <summary>How generated identifiers are spelled.</summary>
internal enum NamingStyle
{
    /// <summary><c>sales_id</c> → <c>SalesId</c>.</summary>
    PascalCase,

    /// <summary>The database name as is, made a valid identifier (<c>sales_id</c> stays <c>sales_id</c>).</summary>
    Keep,
}

/// <summary>The MSBuild properties the generator reads, reduced to plain values.</summary>
internal sealed record GeneratorOptions(string RootNamespace, NamingStyle Naming)
{
    public static readonly GeneratorOptions Default = new("RedshiftTyped.Generated", NamingStyle.PascalCase);
}
