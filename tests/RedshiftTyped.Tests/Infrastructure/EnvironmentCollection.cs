namespace RedshiftTyped.Tests.Infrastructure;

/// <summary>
/// Tests that set process environment variables, or read them through the tool's option layering, run
/// one at a time: the environment is shared by every test in the process.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection
{
    public const string Name = "Process environment";
}
