namespace RedshiftTyped.Corpus.Tests.Comparison;

/// <summary>
/// run_corpus.py's <c>cell_eq</c>: whether a value the Data API sent matches the text the guide prints. It forgives
/// rendering (white space, <c>t</c>/<c>true</c>, <c>1.50</c>/<c>1.5</c>, float printing, base64/hex for VARBYTE,
/// <c>T</c> and trailing zeros in timestamps, a timestamptz shown in another zone) but not values.
/// </summary>
internal static class CellComparer
{
    private static readonly HashSet<string> FloatTypes = ["float4", "float8", "float", "double", "double precision", "real"];
    private static readonly HashSet<string> VarbyteTypes = ["varbyte", "varbinary", "binary varying", "bytea", "blob"];

    /// <summary>
    /// <paramref name="expected"/> is the guide's text; <paramref name="actual"/> the value as the reference runner sees it
    /// (<c>null</c>, <see cref="string"/>, <see cref="long"/>, <see cref="double"/> or <see cref="bool"/>; VARBYTE blobs as
    /// hex text); <paramref name="typeName"/> the column's typeName.
    /// </summary>
    public static bool CellEquals(string expected, object? actual, string? typeName)
    {
        string e = PythonText.Strip(expected);
        string type = (typeName ?? "").ToLowerInvariant();
        if (actual is null)
        {
            return e.ToLowerInvariant() is "" or "null" or "<null>";
        }

        if (actual is bool || type is "bool" or "boolean")
        {
            bool? ev = Truth(e);
            bool? av = actual is bool b ? b : Truth(PythonText.Strip(PythonText.Str(actual)));
            if (ev is not null && av is not null) return ev == av;
        }

        string a = PythonText.Strip(PythonText.Str(actual));
        if (e == a) return true;

        // VARBYTE: psql prints hex, the Data API sends base64 text.
        if (VarbyteTypes.Contains(type) && actual is string && StrictBase64Hex(a) is { } hex && hex == e.ToLowerInvariant())
        {
            return true;
        }

        if (e.Length == 0 && a.Length == 0) return true;

        // Booleans rendered as text.
        if (Truth(e) is { } te && Truth(a) is { } ta) return te == ta;

        // Numbers: exact as decimals, or close as doubles when the column is a float.
        var ed = ToDecimal(e);
        var ad = actual is bool ? null : ToDecimal(actual is string ? a : PythonText.Str(actual));
        if (ed is not null && ad is not null)
        {
            if (actual is double || FloatTypes.Contains(type))
            {
                double ef = ed.Value.ToDouble(), af = ad.Value.ToDouble();
                return ef == af || IsClose(ef, af);
            }

            return ed == ad;
        }

        // Timestamps and times.
        string? ne = TimestampText.Normalize(e), na = TimestampText.Normalize(a);
        if (ne is not null && na is not null)
        {
            if (ne == na) return true;
            DateTime? ie = TimestampText.Instant(ne), ia = TimestampText.Instant(na);
            return ie is not null && ia is not null && ie == ia;
        }

        return false;
    }

    private static bool? Truth(string text) => text.ToLowerInvariant() switch
    {
        "t" or "true" => true,
        "f" or "false" => false,
        _ => null,
    };

    private static ExactDecimal? ToDecimal(string text) => ExactDecimal.Parse(text);

    /// <summary>Python's <c>math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-300)</c>.</summary>
    private static bool IsClose(double a, double b)
    {
        if (a == b) return true;
        if (double.IsInfinity(a) || double.IsInfinity(b)) return false;
        double diff = Math.Abs(b - a);
        return diff <= Math.Abs(1e-12 * b) || diff <= Math.Abs(1e-12 * a) || diff <= 1e-300;
    }

    /// <summary>Python's <c>base64.b64decode(text, validate=True).hex()</c>, or <c>null</c> where Python raises.</summary>
    private static string? StrictBase64Hex(string text)
    {
        if (text.Length % 4 != 0 || !text.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '='))
        {
            return null;
        }

        int padding = text.Length - text.TrimEnd('=').Length;
        if (padding > 2 || text.TrimEnd('=').Contains('=', StringComparison.Ordinal)) return null;
        try
        {
            return Convert.ToHexStringLower(Convert.FromBase64String(text));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
