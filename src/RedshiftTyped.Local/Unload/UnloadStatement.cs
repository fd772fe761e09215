using System.Globalization;
using RedshiftTyped.Local.Catalog;
using RedshiftTyped.Local.Dialect.Syntax;
using RedshiftTyped.Local.Statements;

namespace RedshiftTyped.Local.Unload;

/// <summary>
/// An UNLOAD statement (r_UNLOAD.md): the query, where the files go, the authorization, and the options the local
/// server honours. Parsed from the statement's tokens; anything it cannot honour is refused by name.
/// </summary>
internal sealed record UnloadStatement(string Query, S3Location Target, string IamRole)
{
    /// <summary>The documented bounds of MAXFILESIZE: 5 MB to 6.2 GB (default 6.2 GB).</summary>
    public const long MinFileSize = 5L * 1024 * 1024;

    public const long MaxFileSizeLimit = 6_200L * 1024 * 1024;

    public bool Manifest { get; init; }

    public bool Verbose { get; init; }

    public bool AllowOverwrite { get; init; }

    public bool CleanPath { get; init; }

    public bool Parallel { get; init; } = true;

    public long MaxFileSize { get; init; } = MaxFileSizeLimit;

    public string? KmsKeyId { get; init; }

    public string? Extension { get; init; }

    /// <summary>Reads <c>UNLOAD ('query') TO 's3://…' IAM_ROLE … FORMAT AS PARQUET …</c>; null when the statement is not an UNLOAD.</summary>
    /// <exception cref="EngineFailure">The UNLOAD is malformed or asks for something the local server cannot do.</exception>
    public static UnloadStatement? TryParse(List<SqlToken> tokens)
    {
        var words = tokens.Where(t => !t.IsTrivia).ToList();
        if (words.Count == 0 || !words[0].IsWord("unload"))
        {
            return null;
        }

        int at = 1;
        Expect(words, ref at, "(", "UNLOAD takes the query as a quoted string in parentheses: UNLOAD ('select …') TO 's3://…'");
        string query = ExpectString(words, ref at, "the query of UNLOAD must be a quoted string: UNLOAD ('select …')");
        Expect(words, ref at, ")", "UNLOAD ('select …') needs its closing parenthesis");
        if (at >= words.Count || !words[at].IsWord("to"))
        {
            throw Syntax("UNLOAD needs TO 's3://bucket/prefix'");
        }

        at++;
        string url = ExpectString(words, ref at, "TO takes the S3 path as a quoted string: TO 's3://bucket/prefix'");
        var target = S3Location.Parse(url);

        string? role = null;
        bool parquet = false;
        bool manifest = false, verbose = false, allowOverwrite = false, cleanPath = false, parallel = true, encrypted = false;
        long maxFileSize = MaxFileSizeLimit;
        string? kms = null, extension = null;
        while (at < words.Count)
        {
            var word = words[at++];
            if (word.IsSymbol(";"))
            {
                continue;
            }

            string option = word.Text.ToLowerInvariant();
            switch (option)
            {
                case "iam_role":
                    role = at < words.Count && words[at].IsWord("default") ? "default" : ExpectString(words, ref at, "IAM_ROLE takes default or a quoted role ARN");
                    if (role == "default") at++;
                    break;
                case "format":
                    if (at < words.Count && words[at].IsWord("as")) at++;
                    parquet = ReadFormat(words, ref at);
                    break;
                case "parquet":
                    parquet = true;
                    break;
                case "csv":
                case "json":
                    throw NotSupported($"UNLOAD to {option.ToUpperInvariant()} files (the local server writes FORMAT AS PARQUET only)");
                case "manifest":
                    manifest = true;
                    if (at < words.Count && words[at].IsWord("verbose"))
                    {
                        verbose = true;
                        at++;
                    }

                    break;
                case "allowoverwrite":
                    allowOverwrite = true;
                    break;
                case "cleanpath":
                    cleanPath = true;
                    break;
                case "parallel":
                    parallel = ReadSwitch(words, ref at);
                    break;
                case "maxfilesize":
                    maxFileSize = ReadSize(words, ref at);
                    break;
                case "encrypted":
                    encrypted = true;
                    if (at < words.Count && words[at].IsWord("auto")) at++;
                    break;
                case "kms_key_id":
                    kms = ExpectString(words, ref at, "KMS_KEY_ID takes the key id as a quoted string");
                    break;
                case "region":
                    if (at < words.Count && words[at].IsWord("as")) at++;
                    ExpectString(words, ref at, "REGION takes a quoted AWS Region name");
                    break;
                case "extension":
                    extension = ExpectString(words, ref at, "EXTENSION takes a quoted extension");
                    break;
                case "rowgroupsize":
                    ReadSize(words, ref at);
                    break;
                case "credentials":
                case "access_key_id":
                case "secret_access_key":
                case "session_token":
                    throw NotSupported("UNLOAD with key-based credentials (use IAM_ROLE)");
                case "partition":
                    throw NotSupported("UNLOAD … PARTITION BY");
                case "header":
                case "delimiter":
                case "fixedwidth":
                case "addquotes":
                case "escape":
                case "null":
                case "gzip":
                case "bzip2":
                case "zstd":
                    // r_UNLOAD.md: "You can't use PARQUET with DELIMITER, FIXEDWIDTH, ADDQUOTES, ESCAPE, NULL AS, HEADER, GZIP, BZIP2, or ZSTD."
                    throw new EngineFailure($"ERROR: {option.ToUpperInvariant()} is not supported with PARQUET; the local server unloads FORMAT AS PARQUET only");
                case "master_symmetric_key":
                    throw NotSupported("UNLOAD with client-side encryption (MASTER_SYMMETRIC_KEY)");
                default:
                    throw Syntax($"unknown UNLOAD option {word.Text}");
            }
        }

        if (role is null)
        {
            // As Redshift: UNLOAD needs authorization to write to Amazon S3 (copy-parameters-authorization.md).
            throw new EngineFailure("ERROR: UNLOAD needs authorization: add IAM_ROLE default or IAM_ROLE 'arn:aws:iam::<account>:role/<name>'");
        }

        if (role != "default" && !role.StartsWith("arn:aws:iam::", StringComparison.Ordinal))
        {
            throw new EngineFailure($"ERROR: IAM_ROLE \"{role}\" is not an IAM role ARN (arn:aws:iam::<account>:role/<name>) or default");
        }

        if (!parquet)
        {
            throw NotSupported("UNLOAD to pipe-delimited text (the local server writes FORMAT AS PARQUET only)");
        }

        if (allowOverwrite && cleanPath)
        {
            throw new EngineFailure("ERROR: CLEANPATH cannot be used with ALLOWOVERWRITE");
        }

        if (verbose && !manifest)
        {
            throw Syntax("VERBOSE only follows MANIFEST");
        }

        if (kms is not null && !encrypted)
        {
            throw new EngineFailure("ERROR: KMS_KEY_ID needs ENCRYPTED");
        }

        return new UnloadStatement(query, target, role)
        {
            Manifest = manifest,
            Verbose = verbose,
            AllowOverwrite = allowOverwrite,
            CleanPath = cleanPath,
            Parallel = parallel,
            MaxFileSize = maxFileSize,
            KmsKeyId = kms,
            Extension = extension,
        };
    }

    private static bool ReadFormat(List<SqlToken> words, ref int at)
    {
        if (at < words.Count && words[at].IsWord("parquet"))
        {
            at++;
            return true;
        }

        string format = at < words.Count ? words[at].Text.ToUpperInvariant() : "nothing";
        throw format is "CSV" or "JSON"
            ? NotSupported($"UNLOAD to {format} files (the local server writes FORMAT AS PARQUET only)")
            : Syntax($"FORMAT AS takes CSV, PARQUET or JSON, not {format}");
    }

    private static bool ReadSwitch(List<SqlToken> words, ref int at)
    {
        if (at < words.Count && (words[at].IsWord("on") || words[at].IsWord("true")))
        {
            at++;
            return true;
        }

        if (at < words.Count && (words[at].IsWord("off") || words[at].IsWord("false")))
        {
            at++;
            return false;
        }

        return true;
    }

    /// <summary>MAXFILESIZE [AS] n [MB | GB]: a decimal number, MB by default, between 5 MB and 6.2 GB (r_UNLOAD.md).</summary>
    private static long ReadSize(List<SqlToken> words, ref int at)
    {
        if (at < words.Count && words[at].IsWord("as")) at++;
        if (at >= words.Count || words[at].Kind != SqlTokenKind.Number
            || !decimal.TryParse(words[at].Text, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal size))
        {
            throw Syntax("MAXFILESIZE takes a number of MB or GB, e.g. MAXFILESIZE 100 MB");
        }

        at++;
        decimal unit = 1024m * 1024;
        if (at < words.Count && words[at].IsWord("gb"))
        {
            unit *= 1000;
            at++;
        }
        else if (at < words.Count && words[at].IsWord("mb"))
        {
            at++;
        }

        long bytes = (long)(size * unit);
        if (bytes < MinFileSize || bytes > MaxFileSizeLimit)
        {
            throw new EngineFailure($"ERROR: MAXFILESIZE {words[at - 1].Text} is out of range: specify between 5 MB and 6.2 GB");
        }

        return bytes;
    }

    private static void Expect(List<SqlToken> words, ref int at, string symbol, string message)
    {
        if (at >= words.Count || !words[at].IsSymbol(symbol))
        {
            throw Syntax(message);
        }

        at++;
    }

    private static string ExpectString(List<SqlToken> words, ref int at, string message)
    {
        if (at >= words.Count || words[at].Kind != SqlTokenKind.String || !words[at].Text.StartsWith('\''))
        {
            throw Syntax(message);
        }

        return Parser.StringValue(words[at++].Text);
    }

    private static EngineFailure Syntax(string message) => new($"ERROR: syntax error in UNLOAD: {message}");

    private static EngineFailure NotSupported(string feature) => new($"ERROR: {feature} is not supported by the local server");
}

/// <summary>An <c>s3://bucket/prefix</c> location: the bucket, and the key prefix every object name starts with.</summary>
internal sealed record S3Location(string Bucket, string Prefix)
{
    public string Url => $"s3://{Bucket}/{Prefix}";

    public string UrlOf(string key) => $"s3://{Bucket}/{key}";

    /// <exception cref="EngineFailure">Not an s3:// URL with a bucket.</exception>
    public static S3Location Parse(string url)
    {
        const string Scheme = "s3://";
        if (!url.StartsWith(Scheme, StringComparison.Ordinal))
        {
            throw new EngineFailure($"ERROR: Invalid S3 path '{url}': UNLOAD writes to s3://bucket/prefix");
        }

        string rest = url[Scheme.Length..];
        int slash = rest.IndexOf('/', StringComparison.Ordinal);
        string bucket = slash < 0 ? rest : rest[..slash];
        string prefix = slash < 0 ? "" : rest[(slash + 1)..];
        if (!IsBucketName(bucket))
        {
            throw new EngineFailure($"ERROR: Invalid S3 path '{url}': \"{bucket}\" is not a bucket name (3 to 63 lower-case letters, digits, dots and hyphens)");
        }

        return new S3Location(bucket, prefix);
    }

    private static bool IsBucketName(string name)
        => name.Length is >= 3 and <= 63
           && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '-')
           && char.IsAsciiLetterOrDigit(name[0]) && char.IsAsciiLetterOrDigit(name[^1]);
}
