using RedshiftTyped.Typed;

namespace RedshiftTyped.Reading;

/// <summary>A table or view by schema and name, for reads of tables that are not compiled in.</summary>
public sealed record TableReference
{
    /// <summary>A table by schema and name, exactly as Redshift spells them (no folding; see <see cref="Parse"/> for SQL-style names).</summary>
    public TableReference(string schema, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(schema);
        ArgumentException.ThrowIfNullOrEmpty(name);
        Schema = schema;
        Name = name;
    }

    /// <summary>The schema name, exact spelling.</summary>
    public string Schema { get; }

    /// <summary>The table or view name, exact spelling.</summary>
    public string Name { get; }

    /// <summary><c>"schema"."table"</c>, quoted for SQL.</summary>
    public string QualifiedName => RedshiftIdentifier.Quote(Schema) + "." + RedshiftIdentifier.Quote(Name);

    /// <summary>
    /// Reads <c>table</c>, <c>schema.table</c> or quoted parts (<c>"My Schema"."we.ird"</c>, inner quotes doubled).
    /// Unquoted parts are folded to lower case, as Redshift folds them; a missing schema is <paramref name="defaultSchema"/>.
    /// </summary>
    public static TableReference Parse(string text, string defaultSchema = "public")
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = new List<string>();
        int i = 0;
        while (true)
        {
            parts.Add(ReadPart(text, ref i));
            if (i == text.Length)
            {
                break;
            }

            if (text[i] != '.')
            {
                throw Invalid(text, $"unexpected '{text[i]}' at position {i + 1}");
            }

            i++;
        }

        return parts.Count switch
        {
            1 => new TableReference(defaultSchema, parts[0]),
            2 => new TableReference(parts[0], parts[1]),
            _ => throw Invalid(text, "it has more than two parts; give schema.table (the database comes from the connection)"),
        };
    }

    /// <inheritdoc/>
    public override string ToString() => Schema + "." + Name;

    private static string ReadPart(string text, ref int i)
    {
        if (i < text.Length && text[i] == '"')
        {
            var name = new System.Text.StringBuilder();
            i++;
            while (true)
            {
                if (i >= text.Length)
                {
                    throw Invalid(text, "a quoted name is not closed");
                }

                if (text[i] == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        name.Append('"');
                        i += 2;
                        continue;
                    }

                    i++;
                    break;
                }

                name.Append(text[i++]);
            }

            return name.Length > 0 ? name.ToString() : throw Invalid(text, "a quoted name is empty");
        }

        int start = i;
        while (i < text.Length && text[i] != '.' && text[i] != '"')
        {
            i++;
        }

        string part = text[start..i].Trim();
        return part.Length > 0 ? part.ToLowerInvariant() : throw Invalid(text, "a name part is empty");
    }

    private static FormatException Invalid(string text, string why)
        => new($"\"{text}\" is not a table name: {why}. Write table, schema.table, or quote parts with \"…\".");
}
