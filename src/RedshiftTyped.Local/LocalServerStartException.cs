namespace RedshiftTyped.Local;

/// <summary>
/// The server could not start from the options it was given: a host that is not an address, a port in use, a
/// database that cannot be opened, an init SQL file that fails. The message is one line naming the input at fault and
/// the fix; the engine's own error, when there is one, is the inner exception.
/// </summary>
public sealed class LocalServerStartException(string message, Exception? inner = null) : Exception(message, inner);
