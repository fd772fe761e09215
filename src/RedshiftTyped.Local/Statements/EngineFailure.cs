namespace RedshiftTyped.Local.Statements;

/// <summary>
/// A statement failure the server itself decides, with Redshift's text (<c>ERROR: …</c>): an unknown database, a
/// feature the local server cannot honestly emulate (Catalog/UnsupportedStatements, the function table's unsupported
/// rows), a date part Redshift does not know, a value a storage rule refuses. The statement fails with it, before or
/// instead of reaching the engine.
/// </summary>
internal sealed class EngineFailure(string message) : Exception(message);
