namespace RedshiftTyped.Connection;

/// <summary>
/// The connection options cannot work. Raised before any call is made; the message lists every problem
/// and how to fix it, and never contains a secret value.
/// </summary>
public sealed class RedshiftConfigurationException : Exception
{
    /// <summary>Creates the exception: one line naming the option that is wrong and how to fix it.</summary>
    public RedshiftConfigurationException(string message, Exception? inner = null)
        : base(message, inner)
    {
        Problems = [message];
    }

    /// <summary>Creates the exception from every problem found in the options, one per line.</summary>
    public RedshiftConfigurationException(IReadOnlyList<string> problems)
        : base(Format(problems))
    {
        Problems = problems;
    }

    /// <summary>Each problem on its own, as one sentence saying what is wrong and how to fix it.</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string Format(IReadOnlyList<string> problems) => problems.Count == 1
        ? $"Invalid Redshift connection options: {problems[0]}"
        : "Invalid Redshift connection options:" + string.Concat(problems.Select(p => Environment.NewLine + " - " + p));
}
