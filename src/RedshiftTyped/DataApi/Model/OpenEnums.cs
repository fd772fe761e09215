// The Data API and Secrets Manager shapes, one to one with AWS's model (botocore): each member is documented there
// (docs.aws.amazon.com/redshift-data/latest/APIReference); XML docs here would repeat it.
#pragma warning disable CS1591

using System.Text.Json;
using System.Text.Json.Serialization;

namespace RedshiftTyped.DataApi.Model;

/// <summary>
/// A string-valued enumeration that keeps values it does not know. AWS adds enum members over
/// time (and has sent an undocumented "UNKNOWN" status), so a closed C# enum would break old clients.
/// </summary>
public interface IOpenEnum<TSelf> where TSelf : struct, IOpenEnum<TSelf>
{
    /// <summary>The wire value, exactly as sent.</summary>
    string Value { get; }

    /// <summary>Wraps a wire value.</summary>
    static abstract TSelf FromValue(string value);
}

/// <summary>Reads and writes an <see cref="IOpenEnum{TSelf}"/> as its plain string value.</summary>
public sealed class OpenEnumConverter<T> : JsonConverter<T> where T : struct, IOpenEnum<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => T.FromValue(reader.GetString() ?? string.Empty);

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        => writer.WriteStringValue(value.Value);
}

/// <summary>Statement status (StatusString in the service model; ALL is only a ListStatements filter).</summary>
[JsonConverter(typeof(OpenEnumConverter<StatusString>))]
public readonly record struct StatusString(string Value) : IOpenEnum<StatusString>
{
    public static readonly StatusString SUBMITTED = new("SUBMITTED");
    public static readonly StatusString PICKED = new("PICKED");
    public static readonly StatusString STARTED = new("STARTED");
    public static readonly StatusString FINISHED = new("FINISHED");
    public static readonly StatusString ABORTED = new("ABORTED");
    public static readonly StatusString FAILED = new("FAILED");
    public static readonly StatusString ALL = new("ALL");

    /// <summary>True for FINISHED, FAILED and ABORTED: the statement will not change any more.</summary>
    public bool IsTerminal => this == FINISHED || this == FAILED || this == ABORTED;

    public static StatusString FromValue(string value) => new(value);
    public override string ToString() => Value;
}

/// <summary>Result format of a statement: JSON (GetStatementResult) or CSV (GetStatementResultV2).</summary>
[JsonConverter(typeof(OpenEnumConverter<ResultFormatString>))]
public readonly record struct ResultFormatString(string Value) : IOpenEnum<ResultFormatString>
{
    public static readonly ResultFormatString JSON = new("JSON");
    public static readonly ResultFormatString CSV = new("CSV");
    public static ResultFormatString FromValue(string value) => new(value);
    public override string ToString() => Value;
}

/// <summary>How a batch commits: all statements in one transaction, or each on its own.</summary>
[JsonConverter(typeof(OpenEnumConverter<ExecutionMode>))]
public readonly record struct ExecutionMode(string Value) : IOpenEnum<ExecutionMode>
{
    public static readonly ExecutionMode TRANSACTION = new("TRANSACTION");
    public static readonly ExecutionMode AUTO_COMMIT = new("AUTO_COMMIT");
    public static ExecutionMode FromValue(string value) => new(value);
    public override string ToString() => Value;
}

/// <summary>State of a Data API session.</summary>
[JsonConverter(typeof(OpenEnumConverter<SessionStatusString>))]
public readonly record struct SessionStatusString(string Value) : IOpenEnum<SessionStatusString>
{
    public static readonly SessionStatusString AVAILABLE = new("AVAILABLE");
    public static readonly SessionStatusString BUSY = new("BUSY");
    public static readonly SessionStatusString CLOSED = new("CLOSED");
    public static SessionStatusString FromValue(string value) => new(value);
    public override string ToString() => Value;
}
