using RedshiftTyped.Local.Engine;

namespace RedshiftTyped.Local.Tests;

/// <summary>Engine messages, as DuckDB 1.x and PostgreSQL 15 give them, in Redshift's words.</summary>
public sealed class EngineErrorsTests
{
    [Theory]
    [InlineData("Catalog Error: Table with name nosuch does not exist!\nDid you mean \"pg_sequences\"?\n\nLINE 1: SELECT * FROM \"nosuch\"\n                      ^", "relation \"nosuch\" does not exist")]
    [InlineData("Catalog Error: Table with name \"nosch.t\" does not exist because schema \"nosch\" does not exist.\n\nLINE 1: SELECT * FROM \"nosch\".\"t\"", "relation \"nosch.t\" does not exist")]
    [InlineData("Binder Error: Referenced column \"nocol\" not found in FROM clause!\nCandidate bindings: \"qtysold\"", "column \"nocol\" does not exist")]
    [InlineData("Binder Error: Ambiguous reference to column name \"catid\" (use: \"category.catid\" or \"event.catid\")", "column reference \"catid\" is ambiguous")]
    [InlineData("Catalog Error: Scalar Function with name nofunc does not exist!\nDid you mean \"count\"?", "function nofunc does not exist")]
    [InlineData("Catalog Error: Table with name \"sales\" already exists!", "Relation \"sales\" already exists")]
    [InlineData("relation \"sales\" already exists", "Relation \"sales\" already exists")]
    [InlineData("Parser Error: syntax error at or near \"selec\"\n\nLINE 1: selec 1\n        ^", "syntax error at or near \"selec\"")]
    [InlineData("Parser Error: syntax error at end of input", "syntax error at end of input")]
    [InlineData("Constraint Error: NOT NULL constraint failed: category.catid", "null value in column \"catid\" violates not-null constraint")]
    [InlineData("null value in column \"catid\" of relation \"category\" violates not-null constraint", "null value in column \"catid\" violates not-null constraint")]
    [InlineData("Conversion Error: Could not convert string 'abc' to INT32\n\nLINE 1: SELECT CAST('abc' AS INTEGER)", "invalid input syntax for type integer: \"abc\"")]
    [InlineData("Out of Range Error: Value out of range", "Value out of range")]
    [InlineData("Invalid Input Error: cannot set an identity column to a value", "cannot set an identity column to a value")]
    [InlineData("relation \"nope\" does not exist", "relation \"nope\" does not exist")]
    [InlineData("Out of Range Error: Overflow in addition of INT32 (2147483647 + 1)!", "integer out of range")]
    [InlineData("Out of Range Error: Overflow in multiplication of INT64 (9223372036854775807 * 2)!", "bigint out of range")]
    [InlineData("Conversion Error: Type INT32 with value 40000 can't be cast because the value is out of range for the destination type INT16", "smallint out of range")]
    [InlineData("Conversion Error: Could not cast value 99999999999 to DECIMAL(5,2)", "numeric field overflow")]
    [InlineData("Binder Error: Table \"s\" does not have a column named \"nope\"\n\nCandidate bindings: ...", "column s.nope does not exist")]
    public void Engine_errors_read_as_redshifts(string engine, string redshift)
        => Assert.Equal(redshift, EngineErrors.ToRedshift(engine));
}
