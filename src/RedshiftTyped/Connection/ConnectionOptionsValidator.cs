using System.Text.RegularExpressions;

namespace RedshiftTyped.Connection;

/// <summary>
/// The rules a connection must satisfy before any call is made. Each message names the option (by its
/// connector name) and says what to do; none repeats a secret value.
/// </summary>
internal static partial class ConnectionOptionsValidator
{
    public const string TargetRequired = "Either cluster_identifier or workgroup_name required";

    /// <summary>
    /// The shortest poll_interval, in seconds: 10 ms. Shorter is a busy loop of DescribeStatement calls (1e-9 was
    /// accepted, a 1 ns pause) that only spends the Data API's request quota; the polling schedule's own first pause is 50 ms.
    /// </summary>
    public const double MinPollInterval = 0.01;

    /// <summary>How long a long poll (DescribeStatement with WaitTimeSeconds) may hold a request: 30 seconds, the Data API's most.</summary>
    internal static readonly TimeSpan LongPollHold = TimeSpan.FromSeconds(30);

    /// <summary>The longest poll_interval, in seconds: 5 minutes.</summary>
    public const double MaxPollInterval = 300;

    /// <summary>The fewest and most status polls a statement may be given.</summary>
    public const int MinPollAttempts = 1, MaxPollAttempts = 1_000_000;

    /// <summary>
    /// The longest finite retry.attempt_timeout: <see cref="int.MaxValue"/> milliseconds (24.20:31:23.647, about 24.8 days),
    /// the longest <see cref="System.Net.Http.HttpClient.Timeout"/> accepts; a longer one threw from the client's constructor.
    /// </summary>
    internal static readonly TimeSpan MaxAttemptTimeout = TimeSpan.FromMilliseconds(int.MaxValue);

    /// <summary>
    /// The longest finite retry.total_timeout: <see cref="uint.MaxValue"/> - 1 milliseconds (49.17:02:47.294, about 49.7
    /// days), the longest delay a <see cref="CancellationTokenSource"/> timer takes; a longer one failed every call.
    /// </summary>
    internal static readonly TimeSpan MaxTotalTimeout = TimeSpan.FromMilliseconds(uint.MaxValue - 1.0);

    /// <summary>
    /// The longest retry.base_delay and retry.max_delay: <see cref="uint.MaxValue"/> - 1 milliseconds (49.17:02:47.294, about
    /// 49.7 days). A retry's backoff is Polly's delay, <c>Task.Delay(delay, timeProvider, token)</c>, which takes at most that
    /// (a timer's longest); a longer one threw ArgumentOutOfRangeException on the call's first retry. Full jitter keeps
    /// every delay at or below max_delay, so bounding max_delay (and base_delay, which is at most max_delay) bounds them all.
    /// </summary>
    internal static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMilliseconds(uint.MaxValue - 1.0);

    /// <summary>How an infinite duration (<see cref="Timeout.InfiniteTimeSpan"/>, minus one millisecond) is written in a connection file.</summary>
    internal const string InfiniteDurationText = "\"-00:00:00.001\"";

    public static void ThrowIfInvalid(RedshiftConnectionOptions options)
    {
        var problems = Validate(options);
        if (problems.Count > 0)
        {
            throw new RedshiftConfigurationException(problems);
        }
    }

    public static List<string> Validate(RedshiftConnectionOptions o)
    {
        var problems = new List<string>();
        bool hasCluster = !string.IsNullOrWhiteSpace(o.ClusterIdentifier);
        bool hasWorkgroup = !string.IsNullOrWhiteSpace(o.WorkgroupName);

        if (string.IsNullOrWhiteSpace(o.Region))
        {
            problems.Add("region is required: set it to the AWS region of the cluster or workgroup, e.g. \"us-east-1\".");
        }
        else if (!RegionPattern().IsMatch(o.Region))
        {
            problems.Add($"region \"{o.Region}\" is not an AWS region name: use the form \"us-east-1\" or \"eu-west-2\".");
        }

        if (string.IsNullOrWhiteSpace(o.Database))
        {
            problems.Add("database is required: set it to the database to connect to, e.g. \"dev\".");
        }

        if (!hasCluster && !hasWorkgroup)
        {
            problems.Add(TargetRequired + ": set cluster_identifier for a provisioned cluster, or workgroup_name for Redshift Serverless.");
        }
        else if (hasCluster && hasWorkgroup)
        {
            problems.Add("cluster_identifier and workgroup_name were both given: set only cluster_identifier for a provisioned cluster, or only workgroup_name for Redshift Serverless.");
        }

        if (hasCluster && !ClusterIdentifierPattern().IsMatch(o.ClusterIdentifier!))
        {
            problems.Add($"cluster_identifier \"{o.ClusterIdentifier}\" is not valid: 1 to 63 lowercase letters, digits and single hyphens, starting with a letter (as shown in the Redshift console).");
        }

        if (hasWorkgroup && !WorkgroupPattern().IsMatch(o.WorkgroupName!))
        {
            problems.Add($"workgroup_name \"{o.WorkgroupName}\" is not valid: 3 to 63 lowercase letters, digits and hyphens, or a workgroup ARN (arn:aws:redshift-serverless:<region>:<account>:workgroup/<id>).");
        }

        bool hasKeyId = !string.IsNullOrEmpty(o.AccessKeyId);
        bool hasSecretKey = !string.IsNullOrEmpty(o.SecretAccessKey);
        if (hasKeyId && !hasSecretKey)
        {
            problems.Add("access_key_id was given without secret_access_key: set both, or neither to use the default credential chain (IAM role, profile, environment).");
        }
        else if (!hasKeyId && hasSecretKey)
        {
            problems.Add("secret_access_key was given without access_key_id: set both, or neither to use the default credential chain (IAM role, profile, environment).");
        }

        if (!string.IsNullOrEmpty(o.SessionToken) && !(hasKeyId && hasSecretKey))
        {
            problems.Add("session_token applies only to temporary access keys: set access_key_id and secret_access_key with it, or remove it.");
        }

        if (!string.IsNullOrWhiteSpace(o.DbUser))
        {
            if (hasWorkgroup && !hasCluster)
            {
                problems.Add("db_user applies only to a provisioned cluster (cluster_identifier): Redshift Serverless derives the database user from the IAM identity, so remove db_user or use secret_arn.");
            }

            if (!string.IsNullOrWhiteSpace(o.SecretArn))
            {
                problems.Add("db_user and secret_arn were both given: they are two ways to authenticate to the database; keep db_user for temporary credentials or secret_arn for a Secrets Manager secret.");
            }
        }

        if (!string.IsNullOrWhiteSpace(o.SecretArn) && o.SecretArn.StartsWith("arn:", StringComparison.Ordinal)
            && !SecretArnPattern().IsMatch(o.SecretArn))
        {
            problems.Add($"secret_arn \"{o.SecretArn}\" is not a Secrets Manager ARN: use arn:aws:secretsmanager:<region>:<account>:secret:<name>, or the secret's name.");
        }

        if (!(o.PollInterval >= MinPollInterval && o.PollInterval <= MaxPollInterval))
        {
            // A value too large for a double (1e400) reads as Infinity: say that rather than echo a number nobody wrote.
            string what = double.IsFinite(o.PollInterval)
                ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"poll_interval {o.PollInterval} is out of range")
                : "poll_interval is not a finite number";
            problems.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{what}: give the longest pause between status polls in seconds, from {MinPollInterval} to {MaxPollInterval} (default 2)."));
        }

        if (o.MaxPollAttempts is < MinPollAttempts or > MaxPollAttempts)
        {
            problems.Add($"max_poll_attempts {o.MaxPollAttempts} is out of range: give a number from {MinPollAttempts} to {MaxPollAttempts} (default 300).");
        }

        if (!string.IsNullOrWhiteSpace(o.S3Endpoint)
            && !(Uri.TryCreate(o.S3Endpoint, UriKind.Absolute, out var s3Uri) && (s3Uri.Scheme == Uri.UriSchemeHttp || s3Uri.Scheme == Uri.UriSchemeHttps)))
        {
            problems.Add($"s3_endpoint \"{o.S3Endpoint}\" is not an absolute http or https URL: use e.g. \"http://127.0.0.1:5000\" for a local S3.");
        }

        if (!string.IsNullOrWhiteSpace(o.Endpoint)
            && !(Uri.TryCreate(o.Endpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
        {
            problems.Add($"endpoint \"{o.Endpoint}\" is not an absolute http or https URL: use e.g. \"http://127.0.0.1:8790\" for the local server.");
        }

        if (o.SchemaFilter is not null && o.SchemaFilter.Split(',').Any(s => s.Trim().Length == 0) && o.SchemaFilter.Trim().Length > 0)
        {
            problems.Add($"schema_filter \"{o.SchemaFilter}\" has an empty entry: list schema names separated by commas, e.g. \"public,sales\".");
        }

        ValidateRetry(o.Retry, o.LongPolling, problems);
        return problems;
    }

    private static void ValidateRetry(RedshiftRetryOptions? retry, bool longPolling, List<string> problems)
    {
        if (retry is null)
        {
            problems.Add("retry is null: remove it to use the defaults, or set its members.");
            return;
        }

        if (retry.MaxRetries is < 0 or > 100)
        {
            problems.Add($"retry.max_retries {retry.MaxRetries} is out of range: give 0 (no retries) to 100.");
        }

        if (retry.BaseDelay < TimeSpan.Zero || retry.MaxDelay < retry.BaseDelay)
        {
            problems.Add($"retry.base_delay {retry.BaseDelay} and retry.max_delay {retry.MaxDelay} must satisfy 0 <= base_delay <= max_delay: e.g. \"00:00:00.100\" and \"00:00:20\" (the defaults).");
        }

        if (retry.BaseDelay > MaxRetryDelay)
        {
            problems.Add($"retry.base_delay {retry.BaseDelay} is too long: give 00:00:00 to {MaxRetryDelay} (about 49.7 days, the longest delay a timer takes), e.g. \"00:00:00.100\" (the default).");
        }

        if (retry.MaxDelay > MaxRetryDelay)
        {
            problems.Add($"retry.max_delay {retry.MaxDelay} is too long: give 00:00:00 to {MaxRetryDelay} (about 49.7 days, the longest delay a timer takes), e.g. \"00:00:20\" (the default).");
        }

        if (retry.TotalTimeout <= TimeSpan.Zero && retry.TotalTimeout != Timeout.InfiniteTimeSpan)
        {
            problems.Add($"retry.total_timeout {retry.TotalTimeout} must be positive (or infinite): give how long one call may take across its attempts, e.g. \"00:03:00\" (the default), or {InfiniteDurationText} (Timeout.InfiniteTimeSpan) for no total bound.");
        }
        else if (retry.TotalTimeout > MaxTotalTimeout)
        {
            // Bounded rather than read as infinite: a finite value that was written is not silently dropped.
            problems.Add($"retry.total_timeout {retry.TotalTimeout} is too long: give at most {MaxTotalTimeout} (about 49.7 days, the longest a timer takes), or {InfiniteDurationText} (Timeout.InfiniteTimeSpan) for no total bound.");
        }

        if (retry.AttemptTimeout <= TimeSpan.Zero && retry.AttemptTimeout != Timeout.InfiniteTimeSpan)
        {
            problems.Add($"retry.attempt_timeout {retry.AttemptTimeout} must be positive (or infinite): give the HTTP timeout of one attempt, e.g. \"00:01:30\" (the default), or {InfiniteDurationText} (Timeout.InfiniteTimeSpan) for none.");
        }
        else if (retry.AttemptTimeout > MaxAttemptTimeout)
        {
            problems.Add($"retry.attempt_timeout {retry.AttemptTimeout} is too long: give at most {MaxAttemptTimeout} (about 24.8 days, the longest HTTP timeout .NET takes), or {InfiniteDurationText} (Timeout.InfiniteTimeSpan) for none.");
        }
        else if (longPolling && retry.AttemptTimeout != Timeout.InfiniteTimeSpan && retry.AttemptTimeout <= LongPollHold)
        {
            problems.Add($"retry.attempt_timeout {retry.AttemptTimeout} is too short for long polling, which holds a DescribeStatement up to {LongPollHold.TotalSeconds:0} s: give more than that, or set long_polling to false.");
        }
    }

    [GeneratedRegex(@"^[a-z]{2}(-[a-z]+)+-\d{1,2}$")]
    private static partial Regex RegionPattern();

    [GeneratedRegex(@"^(?=.{1,63}$)[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex ClusterIdentifierPattern();

    [GeneratedRegex(@"^([a-z0-9-]{3,63}|arn:(aws(-[a-z]+)*):redshift-serverless:([a-z]{2}(-gov|(-iso[a-z]?))?|eusc-[a-z]+)-[a-z]+-\d{1}:\d{12}:workgroup/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$")]
    private static partial Regex WorkgroupPattern();

    [GeneratedRegex(@"^arn:aws(-[a-z]+)*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+$")]
    private static partial Regex SecretArnPattern();
}
