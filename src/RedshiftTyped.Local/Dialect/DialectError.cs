namespace RedshiftTyped.Local.Dialect;

/// <summary>
/// A statement the dialect layer understood and must refuse, with Redshift's error text (<c>ERROR: …</c>): a feature
/// the local server cannot honestly emulate, a date part Redshift does not know. The statement fails with it.
/// </summary>
internal sealed class DialectError(string message) : Exception(message);
