using Microsoft.CodeAnalysis.CSharp;
using RedshiftTyped.Generator.Model;
using RedshiftTyped.Generator.Naming;

namespace RedshiftTyped.Generator.Tests;

/// <summary>Redshift names to C# identifiers: always valid, readable where possible, deterministic.</summary>
public sealed class IdentifierTests
{
    [Theory]
    [InlineData("salesid", "Salesid", "salesid")]
    [InlineData("sales_id", "SalesId", "sales_id")]
    [InlineData("USER_ID", "UserId", "USER_ID")]
    [InlineData("userName", "UserName", "userName")]
    [InlineData("first name", "FirstName", "first_name")]
    [InlineData("2fa", "_2fa", "_2fa")]
    [InlineData("class", "Class", "class")]
    [InlineData("größe", "Größe", "größe")]
    [InlineData("名前", "名前", "名前")]
    [InlineData("we\"ird", "WeIrd", "we_ird")]
    [InlineData("a😀b", "AB", "a_b")]
    [InlineData("$", "Fallback", "Fallback")]
    [InlineData("__x__", "X", "x")]
    public void NamesBecomeValidIdentifiers(string name, string pascal, string kept)
    {
        Assert.Equal(pascal, Identifiers.Create(name, NamingStyle.PascalCase, "Fallback"));
        Assert.Equal(kept, Identifiers.Create(name, NamingStyle.Keep, "Fallback"));
        Assert.True(SyntaxFacts.IsValidIdentifier(pascal));
        Assert.True(SyntaxFacts.IsValidIdentifier(kept));
    }

    [Theory]
    [InlineData("class", "@class")]
    [InlineData("int", "@int")]
    [InlineData("record", "@record")]
    [InlineData("var", "@var")]
    [InlineData("Sales", "Sales")]
    public void KeywordsAreEscaped(string identifier, string escaped) => Assert.Equal(escaped, Identifiers.Escape(identifier));

    [Fact]
    public void CollisionsGetNumberedDeterministically()
    {
        var taken = new HashSet<string>();
        Assert.Equal(["Id", "Id_2", "Id_3", "Name"], new[] { "Id", "Id", "Id", "Name" }.Select(n => Identifiers.Unique(n, taken)).ToArray());
    }

    [Theory]
    [InlineData("Valid", true)]
    [InlineData("@class", true)]
    [InlineData("1st", false)]
    [InlineData("my record", false)]
    [InlineData("", false)]
    public void OverridesMustBeIdentifiers(string name, bool valid) => Assert.Equal(valid, Identifiers.IsValid(name));
}
