namespace RedshiftTyped.Typed;

/// <summary>Quoting of Redshift identifiers, so that any name (quotes, spaces, keywords, unicode) is safe in SQL.</summary>
public static class RedshiftIdentifier
{
    /// <summary><c>we"ird</c> → <c>"we""ird"</c>.</summary>
    public static string Quote(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
