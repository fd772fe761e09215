using System.Globalization;
using System.Text;
using RedshiftTyped.Local.Dialect.Functions;
using RedshiftTyped.Local.Engine;

namespace RedshiftTyped.Local.Dialect.Typing;

/// <summary>
/// Redshift's type rules for expressions, each from the guide's page that states it: numeric computations
/// (r_numeric_computations201), literals (r_numeric_literals201, r_Literals), set operations and COALESCE/DECODE
/// unification (r_numeric_computations201), aggregates (r_SUM, r_AVG, r_COUNT, …).
/// </summary>
internal static class Types
{
    public static readonly RsTypeInfo Int2 = new(RsType.Int2);
    public static readonly RsTypeInfo Int4 = new(RsType.Int4);
    public static readonly RsTypeInfo Int8 = new(RsType.Int8);
    public static readonly RsTypeInfo Float4 = new(RsType.Float4);
    public static readonly RsTypeInfo Float8 = new(RsType.Float8);
    public static readonly RsTypeInfo Bool = new(RsType.Bool);
    public static readonly RsTypeInfo Date = new(RsType.Date);
    public static readonly RsTypeInfo Time = new(RsType.Time);
    public static readonly RsTypeInfo TimeTz = new(RsType.TimeTz);
    public static readonly RsTypeInfo Timestamp = new(RsType.Timestamp);
    public static readonly RsTypeInfo TimestampTz = new(RsType.TimestampTz);
    public static readonly RsTypeInfo Interval = new(RsType.Interval);
    public static readonly RsTypeInfo Super = new(RsType.Super);
    public static readonly RsTypeInfo Varbyte = new(RsType.Varbyte, Length: 64000);

    /// <summary>VARCHAR(MAX) = VARCHAR(65535), what most string functions return.</summary>
    public static readonly RsTypeInfo VarcharMax = Varchar(65535);

    /// <summary>TEXT and a bare VARCHAR are VARCHAR(256) (https://docs.aws.amazon.com/redshift/latest/dg/r_Character_types.html).</summary>
    public static readonly RsTypeInfo Text = Varchar(256);

    public static RsTypeInfo Varchar(int length) => new(RsType.Varchar, Length: Math.Clamp(length, 1, 65535));

    public static RsTypeInfo Char(int length) => new(RsType.Bpchar, Length: Math.Clamp(length, 1, 4096));

    public static RsTypeInfo Numeric(int precision, int scale) => new(RsType.Numeric, Precision: Math.Clamp(precision, 1, 38), Scale: Math.Clamp(scale, 0, 37));

    public static bool IsInteger(RsTypeInfo? t) => t is { Type: RsType.Int2 or RsType.Int4 or RsType.Int8 };

    public static bool IsFloat(RsTypeInfo? t) => t is { Type: RsType.Float4 or RsType.Float8 };

    public static bool IsNumeric(RsTypeInfo? t) => t is { Type: RsType.Numeric };

    public static bool IsNumber(RsTypeInfo? t) => IsInteger(t) || IsFloat(t) || IsNumeric(t);

    public static bool IsString(RsTypeInfo? t) => t is { Type: RsType.Varchar or RsType.Bpchar };

    public static bool IsDateTime(RsTypeInfo? t) => t is { Type: RsType.Date or RsType.Timestamp or RsType.TimestampTz };

    public static bool IsTime(RsTypeInfo? t) => t is { Type: RsType.Time or RsType.TimeTz };

    /// <summary>An integer as a DECIMAL in mixed computations: INT2 → (5,0), INT4 → (10,0), INT8 → (19,0).</summary>
    public static RsTypeInfo AsDecimal(RsTypeInfo t) => t.Type switch
    {
        RsType.Int2 => Numeric(5, 0),
        RsType.Int4 => Numeric(10, 0),
        RsType.Int8 => Numeric(19, 0),
        _ => t,
    };

    /// <summary>An integer literal: INT4 when it fits, INT8 when it fits, else NUMERIC(digits, 0).</summary>
    public static RsTypeInfo IntegerLiteral(string text)
    {
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)) return Int4;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)) return Int8;
        return Numeric(text.TrimStart('-', '+').Length, 0);
    }

    /// <summary>A decimal literal: NUMERIC(digits, digits after the point); <c>3.14159</c> is NUMERIC(6,5).</summary>
    public static RsTypeInfo DecimalLiteral(string text)
    {
        string digits = text.TrimStart('-', '+');
        int point = digits.IndexOf('.', StringComparison.Ordinal);
        string whole = point < 0 ? digits : digits[..point];
        string fraction = point < 0 ? "" : digits[(point + 1)..];
        int wholeDigits = whole.TrimStart('0').Length;
        int scale = fraction.Length;
        return Numeric(Math.Max(1, wholeDigits + scale), scale);
    }

    /// <summary>A string literal: VARCHAR of its length in bytes (Redshift reports the literal's length as its precision).</summary>
    public static RsTypeInfo StringLiteral(string value) => Varchar(Math.Max(1, Encoding.UTF8.GetByteCount(value)));

    /// <summary>
    /// The result of <c>+ - * /</c> on two numbers (the return-type table and the DECIMAL precision and scale rules of
    /// https://docs.aws.amazon.com/redshift/latest/dg/r_numeric_computations201.html).
    /// </summary>
    public static RsTypeInfo? Arithmetic(string op, RsTypeInfo a, RsTypeInfo b)
    {
        if (IsFloat(a) || IsFloat(b))
        {
            return a.Type == RsType.Float4 && b.Type == RsType.Float4 ? Float4 : Float8;
        }

        if (IsInteger(a) && IsInteger(b))
        {
            return (RsType)Math.Max((int)a.Type, (int)b.Type) switch
            {
                RsType.Int2 => Int2,
                RsType.Int4 => Int4,
                _ => Int8,
            };
        }

        if (!IsNumber(a) || !IsNumber(b)) return null;
        var x = AsDecimal(a);
        var y = AsDecimal(b);
        int p1 = x.Precision ?? 18, s1 = x.Scale ?? 0, p2 = y.Precision ?? 18, s2 = y.Scale ?? 0;
        int precision, scale;
        switch (op)
        {
            case "*":
                scale = s1 + s2;
                precision = p1 + p2 + 1;
                break;
            case "/":
                scale = Math.Max(4, s1 + p2 - s2 + 1);
                precision = p1 - s1 + s2 + scale;
                if (scale > 100)
                {
                    precision -= scale - 100;
                    scale = 100;
                }

                if (precision > 38)
                {
                    scale = Math.Max(38 + scale - precision, 4);
                    precision = 38;
                }

                break;
            default:
                scale = Math.Max(s1, s2);
                precision = Math.Max(p1 - s1, p2 - s2) + 1 + scale;
                break;
        }

        return Numeric(Math.Min(precision, 38), Math.Min(scale, 37));
    }

    /// <summary>
    /// The common type of values that meet in one column: CASE branches, COALESCE/NVL/DECODE arguments, set operations.
    /// DECIMALs: scale max(s1,s2), precision min(max(p1-s1,p2-s2)+scale, 19)… (r_numeric_computations201); strings: the
    /// longer VARCHAR; NULL and untyped literals take the other side's type. Null when the types do not meet.
    /// </summary>
    public static RsTypeInfo? Unify(RsTypeInfo? a, RsTypeInfo? b)
    {
        if (a is null) return b;
        if (b is null) return a;
        var x = a.Value;
        var y = b.Value;
        if (x == y) return x;
        if (IsInteger(x) && IsInteger(y)) return Arithmetic("+", x, y);
        if (IsFloat(x) || IsFloat(y)) return IsNumber(x) && IsNumber(y) ? (x.Type == RsType.Float4 && y.Type == RsType.Float4 ? Float4 : Float8) : null;
        if (IsNumber(x) && IsNumber(y))
        {
            var p = AsDecimal(x);
            var q = AsDecimal(y);
            int scale = Math.Max(p.Scale ?? 0, q.Scale ?? 0);
            int whole = Math.Max((p.Precision ?? 18) - (p.Scale ?? 0), (q.Precision ?? 18) - (q.Scale ?? 0));
            return Numeric(Math.Min(whole + scale, 38), scale);
        }

        if (IsString(x) && IsString(y))
        {
            int length = Math.Max(x.Length ?? 256, y.Length ?? 256);
            return x.Type == RsType.Bpchar && y.Type == RsType.Bpchar ? Char(length) : Varchar(length);
        }

        if (IsDateTime(x) && IsDateTime(y)) return x.Type == RsType.TimestampTz || y.Type == RsType.TimestampTz ? TimestampTz : Timestamp;
        if (x.Type == y.Type) return x.Type == RsType.Varbyte ? Varbyte : x;
        return null;
    }

    /// <summary>
    /// The common type of several expressions (CASE results, COALESCE arguments, a set operation's column): NULL
    /// literals do not count, and untyped string literals count only when nothing else has a type.
    /// </summary>
    public static RsTypeInfo? Common(IEnumerable<(RsTypeInfo? Type, Syntax.Expr Node)> items)
    {
        RsTypeInfo? typed = null, literals = null;
        bool any = false, failed = false;
        foreach (var (type, node) in items)
        {
            if (node is Syntax.Literal { Kind: Syntax.LiteralKind.Null }) continue;
            if (node is Syntax.Literal { Kind: Syntax.LiteralKind.String })
            {
                literals = Unify(literals, type);
                continue;
            }

            if (type is null)
            {
                failed = true;
                continue;
            }

            typed = any ? Unify(typed, type) : type;
            failed |= any && typed is null;
            any = true;
        }

        if (failed) return null;
        if (!any) return literals;
        return IsString(typed) ? Unify(typed, literals) : typed;
    }

    /// <summary>The Redshift type a CAST target names, with Redshift's defaults (bare VARCHAR/TEXT 256, NUMERIC 18,0, CHAR 1).</summary>
    public static RsTypeInfo? FromTypeName(Syntax.TypeName name)
    {
        string text = name.Modifiers.Count == 0 ? name.Name : $"{name.Name}({string.Join(',', name.Modifiers)})";
        return RsTypeInfo.Parse(text);
    }

    /// <summary>The name Redshift gives a column holding a cast to this type (its type name: <c>int4</c>, <c>numeric</c>, <c>bpchar</c>).</summary>
    public static string ColumnName(RsTypeInfo type) => type.TypeName;
}

/// <summary>Result type rules for function rows.</summary>
internal static class Returns
{
    public static TypeRule Fixed(RsTypeInfo type) => _ => type;

    /// <summary>The type of argument <paramref name="index"/>.</summary>
    public static TypeRule Arg(int index) => call => call[index];

    /// <summary>The common type of the arguments from <paramref name="from"/> on (COALESCE, NVL, GREATEST).</summary>
    public static TypeRule Common(int from = 0) => call => Types.Common(Enumerable.Range(from, Math.Max(0, call.Count - from))
        .Select(i => (call[i], call.Nodes[i])));

    /// <summary>VARCHAR as long as the first argument (or VARCHAR(MAX) when that is unknown).</summary>
    public static TypeRule VarcharLikeArg(int index) => call => call[index] is { Type: RsType.Varchar or RsType.Bpchar, Length: int n }
        ? Types.Varchar(n)
        : Types.VarcharMax;
}
