using RedshiftTyped.Local.Dialect.Syntax;
using RedshiftTyped.Local.Engine;

namespace RedshiftTyped.Local.Dialect.Typing;

/// <summary>
/// The name Redshift gives a select-list item that has no alias (Redshift inherits PostgreSQL's rules): a column its
/// name, a SUPER navigation its last attribute, a function call the function's name (or the row's documented column
/// name: <c>dateadd</c> → <c>date_add</c>, <c>date_part</c> → <c>pgdate_part</c>, <c>getdate</c> → <c>timestamp</c>), a
/// cast or typed literal its type's name, CASE <c>case</c>, a scalar subquery its column's name, anything else
/// <c>?column?</c>; a cast of a column or a call keeps that name. Aliases fold to lower case like every identifier (the parser did that).
/// </summary>
internal static class ColumnNames
{
    public const string Anonymous = "?column?";

    /// <summary>A row's column name that means "named after its first argument" (NULLIF, as the guide's example shows).</summary>
    public const string FirstArgument = "$first-argument";

    public static string Of(Expr expr, Analysis analysis) => expr switch
    {
        ColumnRef column => analysis.BindingOf(column) is { IsNavigation: true } binding ? binding.Path[^1].Name : column.Parts[^1].Name,
        FieldAccess field => field.Field.Name,
        Subscript subscript => Of(subscript.Base, analysis),
        FunctionCall call => analysis.CallOf(call)?.Row?.ColumnName switch
        {
            FirstArgument => call.Args.Count > 0 ? Of(call.Args[0], analysis) : call.FunctionName,
            { } documented => documented,
            null => call.FunctionName,
        },
        KeywordCall { Name: "trim", Modifier: "leading" } => "ltrim",
        KeywordCall { Name: "trim", Modifier: "trailing" } => "rtrim",
        KeywordCall keyword => analysis.CallOf(keyword)?.Row?.ColumnName ?? keyword.Name,
        // A cast keeps a column's or a function's name; anything else is named after the type (PostgreSQL's FigureColname).
        // (GETDATE() alone is "timestamp", but CONVERT(VARCHAR, GETDATE()) is "getdate", as the guide shows.)
        Cast { Operand: FunctionCall call } when Of(call, analysis) is var name && RsTypeInfo.Parse(name) is not null => call.FunctionName,
        Cast { Operand: ColumnRef or FunctionCall or KeywordCall or Subscript or FieldAccess } cast => Of(cast.Operand, analysis),
        Cast cast => Types.FromTypeName(cast.Type) is { } type ? Types.ColumnName(type) : cast.Type.Name,
        TypedLiteral typed => Types.FromTypeName(typed.Type) is { } type ? Types.ColumnName(type) : typed.Type.Name,
        Case => "case",
        Exists => "exists",
        AtTimeZone at => analysis.TypeOf(at) is { } zoned ? zoned.TypeName : "timezone",
        ScalarSubquery subquery => analysis.OutputsOf(subquery.Query) is { Count: 1 } columns ? columns[0].Name : Anonymous,
        _ => Anonymous,
    };
}
