using System.Runtime.CompilerServices;
using Microsoft.Extensions.Configuration;

namespace RedshiftTyped.Connection;

/// <summary>
/// Loads <see cref="RedshiftConnectionOptions"/> from a connector-style JSON file, an <see cref="IConfiguration"/>
/// section, or environment variables (<c>REDSHIFT_TYPED_REGION</c>, <c>REDSHIFT_TYPED_CLUSTER_IDENTIFIER</c>, ...).
/// Unknown keys in a file or section are errors, so a misspelt option cannot be silently ignored.
/// </summary>
public static class RedshiftConnectionOptionsLoader
{
    /// <summary>The prefix of the environment variables the loader reads.</summary>
    public const string EnvironmentPrefix = "REDSHIFT_TYPED_";

    /// <summary>The keys of a connection file (the connector's parameter names), as the options' ConfigurationKeyName says.</summary>
    private static readonly string[] OptionKeys =
    [
        "region", "database", "cluster_identifier", "workgroup_name", "access_key_id", "secret_access_key",
        "session_token", "db_user", "secret_arn", "schema_filter", "poll_interval", "max_poll_attempts",
        "endpoint", "s3_endpoint", "use_fips", "long_polling", "verify_secret", "retry",
    ];

    /// <summary>The keys of the <c>retry</c> object.</summary>
    private static readonly string[] RetryKeys = ["max_retries", "base_delay", "max_delay", "total_timeout", "attempt_timeout"];

    private static readonly string KnownKeys = string.Join(", ", OptionKeys);

    /// <summary>Reads a JSON file of connector parameters, e.g. <c>{"region":"us-east-1","database":"dev",...}</c>.</summary>
    public static RedshiftConnectionOptions FromJsonFile(string path, RedshiftConnectionOptions? start = null)
    {
        string fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new RedshiftConfigurationException(
                $"connection file \"{path}\" does not exist: pass the path of a JSON file holding region, database and cluster_identifier or workgroup_name.");
        }

        IConfigurationRoot configuration;
        try
        {
            configuration = new ConfigurationBuilder().AddJsonFile(fullPath, optional: false, reloadOnChange: false).Build();
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or System.Text.Json.JsonException)
        {
            string detail = ex.InnerException?.Message ?? ex.Message;
            throw new RedshiftConfigurationException(
                $"connection file \"{path}\" is not valid JSON ({detail}): it must hold one JSON object of connector parameters.", ex);
        }

        // The configuration has flattened the JSON (an array binds as nothing): check the value types on the JSON itself.
        ThrowIfWrongTypes(ReadJsonTypes(fullPath), $"connection file \"{path}\"");
        return Bind(configuration, $"connection file \"{path}\"", start ?? new RedshiftConnectionOptions(), errorOnUnknown: true);
    }

    /// <summary>Binds a configuration section (for example <c>configuration.GetSection("Redshift")</c>).</summary>
    public static RedshiftConnectionOptions FromConfiguration(IConfiguration section, RedshiftConnectionOptions? start = null)
    {
        ArgumentNullException.ThrowIfNull(section);
        ThrowIfWrongTypes(OptionValueTypes.Check(section), "configuration");
        return Bind(section, "configuration", start ?? new RedshiftConnectionOptions(), errorOnUnknown: true);
    }

    /// <summary>
    /// Overlays the <c>REDSHIFT_TYPED_*</c> environment variables on <paramref name="start"/>; <c>AWS_REGION</c>
    /// (or <c>AWS_DEFAULT_REGION</c>) supplies the region when nothing else does.
    /// </summary>
    public static RedshiftConnectionOptions FromEnvironment(RedshiftConnectionOptions? start = null)
    {
        var options = start ?? new RedshiftConnectionOptions();
        // Usually none is set: then binding would change nothing, and skipping it spares a one-shot process (the
        // redshift-typed tool) the configuration binder's reflection and the assemblies behind it (issue 16, cold start).
        if (HasPrefixedVariable())
        {
            options = BindEnvironment(options);
        }

        if (string.IsNullOrWhiteSpace(options.Region))
        {
            options.Region = NullIfEmpty(Environment.GetEnvironmentVariable("AWS_REGION"))
                ?? NullIfEmpty(Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION"));
        }

        return options;
    }

    /// <summary>
    /// Binds the <c>REDSHIFT_TYPED_*</c> variables. A method of its own, never inlined, because a ReadyToRun method
    /// resolves the types it creates before it first runs: in <see cref="FromEnvironment"/> the configuration builder
    /// loaded Microsoft.Extensions.Configuration and its abstractions in every run, bound or not (issue 16, cold start).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static RedshiftConnectionOptions BindEnvironment(RedshiftConnectionOptions options)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables(EnvironmentPrefix).Build();
        ThrowIfWrongTypes(OptionValueTypes.Check(configuration), "environment (REDSHIFT_TYPED_*)");
        return Bind(configuration, "environment", options, errorOnUnknown: false);
    }

    /// <summary>Whether any environment variable starts with <see cref="EnvironmentPrefix"/> (case-insensitive, as the configuration provider matches).</summary>
    private static bool HasPrefixedVariable()
    {
        foreach (System.Collections.DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            if (variable.Key is string name && name.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static RedshiftConnectionOptions Bind(IConfiguration configuration, string source, RedshiftConnectionOptions target, bool errorOnUnknown)
    {
        if (errorOnUnknown)
        {
            CheckKeys(configuration, source);
        }

        try
        {
            configuration.Bind(target, binder => binder.ErrorOnUnknownConfiguration = errorOnUnknown);
        }
        catch (InvalidOperationException ex)
        {
            // The binder names the unknown key or the value it could not convert; keep that, add the fix.
            throw new RedshiftConfigurationException(
                $"{source} could not be read: {ex.Message} Known options: {KnownKeys}.", ex);
        }

        return target;
    }

    private static List<string> ReadJsonTypes(string fullPath)
    {
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(fullPath),
            new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return OptionValueTypes.Check(document.RootElement);
    }

    private static void ThrowIfWrongTypes(List<string> problems, string source)
    {
        if (problems.Count > 0)
        {
            throw new RedshiftConfigurationException(problems.Select(p => $"{source}: {p}.").ToList());
        }
    }

    /// <summary>
    /// Refuses keys the options do not have, each named with the nearest known keys, in one line (the configuration
    /// binder would name the .NET type and its own settings instead).
    /// </summary>
    private static void CheckKeys(IConfiguration configuration, string source)
    {
        var unknown = new List<string>();
        foreach (var section in configuration.GetChildren())
        {
            if (!OptionKeys.Contains(section.Key, StringComparer.OrdinalIgnoreCase))
            {
                unknown.Add($"\"{section.Key}\"{Naming.NearestNames.DidYouMean(section.Key, OptionKeys)}");
            }
            else if (string.Equals(section.Key, "retry", StringComparison.OrdinalIgnoreCase))
            {
                unknown.AddRange(section.GetChildren()
                    .Where(child => !RetryKeys.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
                    .Select(child => $"\"retry.{child.Key}\"{Naming.NearestNames.DidYouMean(child.Key, RetryKeys)}"));
            }
        }

        if (unknown.Count > 0)
        {
            throw new RedshiftConfigurationException(
                $"{source} has {(unknown.Count == 1 ? "an unknown key" : "unknown keys")}: {string.Join("; ", unknown)}. " +
                $"Known keys: {KnownKeys} (retry: {string.Join(", ", RetryKeys)}).");
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
