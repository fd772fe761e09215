namespace RedshiftTyped.Tool.Cli;

/// <summary>What the tool's exit code tells a script.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The statement failed, or the service refused the call.</summary>
    public const int Failed = 1;

    /// <summary>The command line or the connection options are wrong.</summary>
    public const int Usage = 2;

    /// <summary>Stopped by Ctrl-C or SIGTERM (128 + SIGINT, as shells report it); statements were cancelled on the server first.</summary>
    public const int Cancelled = 130;
}
