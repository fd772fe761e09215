using System.Text;
using RedshiftTyped.DataApi.Model;
using RedshiftTyped.Local.Protocol;

namespace RedshiftTyped.Local.Statements;

/// <summary>SQL with its <c>:name</c> placeholders rewritten to engine positional placeholders, and the values in order.</summary>
internal sealed record BoundSql(string Sql, IReadOnlyList<string> Values, IReadOnlyCollection<string> UsedNames);

/// <summary>
/// Turns the Data API's named parameters into real engine parameters: every <c>:name</c> outside literals and
/// comments becomes <c>$n</c> (one number per distinct name), and the values travel separately, never in the
/// SQL text. A name used in the SQL but not supplied, or supplied but not used, is a ValidationException.
/// </summary>
internal static class ParameterBinder
{
    /// <summary>Binds one statement; every supplied parameter must be used.</summary>
    public static BoundSql Bind(string sql, IReadOnlyList<SqlParameter>? parameters)
    {
        var bound = BindAllowingUnused(sql, parameters);
        ThrowIfUnused(parameters, bound.UsedNames);
        return bound;
    }

    /// <summary>Throws the service's "unused parameters" error for supplied names no statement used.</summary>
    public static void ThrowIfUnused(IReadOnlyList<SqlParameter>? parameters, IReadOnlyCollection<string> used)
    {
        var unused = (parameters ?? []).Select(p => p.Name!).Where(name => !used.Contains(name)).Distinct().ToList();
        if (unused.Count > 0)
        {
            throw ServiceError.Validation($"Parameters list contains unused parameters. Unused parameters: [{string.Join(", ", unused)}]");
        }
    }

    /// <summary>Binds one statement of a batch, whose parameters are shared by all its statements.</summary>
    public static BoundSql BindAllowingUnused(string sql, IReadOnlyList<SqlParameter>? parameters)
    {
        if (parameters is null || parameters.Count == 0)
        {
            // Without parameters the SQL goes to the engine as written, as on Redshift.
            return new BoundSql(sql, [], []);
        }

        var supplied = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in parameters ?? [])
        {
            supplied[parameter.Name!] = parameter.Value!;
        }

        var tokens = SqlLexer.Tokenize(sql);
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        var values = new List<string>();
        var missing = new List<string>();
        var text = new StringBuilder(sql.Length);
        foreach (var token in tokens)
        {
            if (token.Kind != SqlTokenKind.Parameter)
            {
                text.Append(token.Text);
                continue;
            }

            string name = token.Text[1..];
            if (!supplied.TryGetValue(name, out string? value))
            {
                if (!missing.Contains(name)) missing.Add(name);
                text.Append(token.Text);
                continue;
            }

            if (!positions.TryGetValue(name, out int position))
            {
                values.Add(value);
                position = values.Count;
                positions[name] = position;
            }

            text.Append('$').Append(position);
        }

        if (missing.Count > 0)
        {
            throw ServiceError.Validation($"Parameters list is missing parameters. Missing parameters: [{string.Join(", ", missing)}]");
        }

        return new BoundSql(text.ToString(), values, positions.Keys.ToList());
    }
}
