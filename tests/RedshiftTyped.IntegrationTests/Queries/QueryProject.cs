using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using RedshiftTyped.Generator;
using RedshiftTyped.IntegrationTests.Infrastructure;
using RedshiftTyped.Queries;
using RedshiftTyped.Tool;
using RedshiftTyped.Tool.Cli;

namespace RedshiftTyped.IntegrationTests.Queries;

/// <summary>
/// A user's project in a temporary folder: query files under <c>queries/</c>, captured by the real
/// <c>redshift-typed capture</c> against a local server into <c>query-snapshots/</c>, then compiled as a build would:
/// the source generator over both, the output compiled and loaded. What a test reads comes from that assembly.
/// </summary>
internal sealed class QueryProject : IDisposable
{
    private QueryProject(string root) => Root = root;

    public string Root { get; }

    public string QueriesDirectory => Path.Combine(Root, "queries");

    public string SnapshotsDirectory => Path.Combine(Root, "query-snapshots");

    public static QueryProject Create() => new(Directory.CreateTempSubdirectory("rt-queries-").FullName);

    /// <summary>Writes a query file (<paramref name="file"/> is its path below queries/, with /).</summary>
    public QueryProject Write(string file, string sql)
    {
        string path = Path.Combine([QueriesDirectory, .. file.Split('/')]);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, sql);
        return this;
    }

    public string SnapshotPath(string file) => Path.Combine([SnapshotsDirectory, .. Path.ChangeExtension(file, ".json").Split('/')]);

    /// <summary>Runs redshift-typed (capture or check) on the project against the server; tables are left out.</summary>
    public async Task<(int Exit, string Out, string Err)> ToolAsync(TestServer server, string command)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = await ToolApp.RunAsync(
            [command, "--endpoint", server.Server.Endpoint.ToString(), "--database", server.Server.Database, "--poll-interval", "0.1",
             "--dir", Path.Combine(Root, "schema-snapshots"), "--exclude", "*",
             "--queries", QueriesDirectory, "--query-snapshots", SnapshotsDirectory],
            new ToolConsole(output, error));
        return (exit, output.ToString(), error.ToString());
    }

    public async Task CaptureAsync(TestServer server)
    {
        var (exit, output, error) = await ToolAsync(server, "capture");
        Assert.True(exit == 0, $"capture failed ({exit}):\n{output}\n{error}");
    }

    /// <summary>Generates and compiles the project; the generator's diagnostics are returned, errors in the output fail.</summary>
    public CompiledQueries Compile(bool allowGeneratorErrors = false)
    {
        var texts = Directory.EnumerateFiles(QueriesDirectory, "*.sql", SearchOption.AllDirectories)
            .Concat(Directory.Exists(SnapshotsDirectory) ? Directory.EnumerateFiles(SnapshotsDirectory, "*.json", SearchOption.AllDirectories) : [])
            .Order(StringComparer.Ordinal)
            .Select(path => (AdditionalText)new FileText(path))
            .ToImmutableArray();
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create(
            "TypedQueries_" + Guid.NewGuid().ToString("N"),
            [],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                .WithSpecificDiagnosticOptions([new("CS1701", ReportDiagnostic.Suppress), new("CS1702", ReportDiagnostic.Suppress)]));
        var driver = CSharpGeneratorDriver.Create([new RedshiftSchemaGenerator().AsSourceGenerator()], texts, parse, new Options(QueriesDirectory, SnapshotsDirectory));
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        if (!allowGeneratorErrors)
        {
            Assert.True(!generatorDiagnostics.Any(d => d.Severity == DiagnosticSeverity.Error), string.Join("\n", generatorDiagnostics));
        }

        using var image = new MemoryStream();
        var emitted = output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        var assembly = AssemblyLoadContext.Default.LoadFromStream(new MemoryStream(image.ToArray()));
        return new CompiledQueries(assembly, generatorDiagnostics);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        string self = typeof(QueryProject).Assembly.Location;
        return [.. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => !string.Equals(p, self, StringComparison.Ordinal))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    });

    private sealed class FileText(string path) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(File.ReadAllText(Path), System.Text.Encoding.UTF8);
    }

    /// <summary>What the package's targets tell the generator: query files with their path below queries/, and query snapshots.</summary>
    private sealed class Options(string queries, string snapshots) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Values(new() { ["build_property.RedshiftTypedNamespace"] = "Compiled" });

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Values([]);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile)
        {
            if (textFile.Path.StartsWith(queries + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                return new Values(new() { ["build_metadata.AdditionalFiles.RedshiftTypedQuery"] = Path.GetRelativePath(queries, textFile.Path).Replace('\\', '/') });
            }

            return textFile.Path.StartsWith(snapshots + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                ? new Values(new() { ["build_metadata.AdditionalFiles.RedshiftTypedQuerySnapshot"] = "true" })
                : new Values([]);
        }
    }

    private sealed class Values(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}

/// <summary>The typed queries of a compiled <see cref="QueryProject"/>, and reads of them through the real client.</summary>
internal sealed class CompiledQueries(Assembly assembly, ImmutableArray<Diagnostic> generatorDiagnostics)
{
    private static readonly MethodInfo[] ClientMethods = typeof(RedshiftClientQueries).GetMethods(BindingFlags.Public | BindingFlags.Static);

    public ImmutableArray<Diagnostic> GeneratorDiagnostics { get; } = generatorDiagnostics;

    /// <summary><c>Compiled.Queries.{entryClass}.{property}</c>.</summary>
    public QueryDescriptor Get(string entryClass, string property)
        => (QueryDescriptor)assembly.GetType("Compiled.Queries." + entryClass, throwOnError: true)!
            .GetProperty(property, BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    /// <summary>The parameters record of a query, built from its values in declaration order.</summary>
    public static object? Parameters(QueryDescriptor query, object?[] values)
    {
        var type = query.GetType().GetGenericArguments() is { Length: 2 } arguments ? arguments[0] : null;
        return type is null ? null : Activator.CreateInstance(type, values);
    }

    /// <summary>Opens a query (<c>client.OpenQueryAsync</c>) with the generic arguments the generated descriptor has.</summary>
    public static async Task<IAsyncDisposable> OpenAsync(RedshiftClient client, QueryDescriptor query, object?[] values, QueryOptions? options = null)
    {
        var arguments = query.GetType().GetGenericArguments();
        var open = ClientMethods.Single(m => m.Name == nameof(RedshiftClientQueries.OpenQueryAsync) && m.GetGenericArguments().Length == arguments.Length)
            .MakeGenericMethod(arguments);
        object?[] call = arguments.Length == 2
            ? [client, query, Parameters(query, values), options, CancellationToken.None]
            : [client, query, options, CancellationToken.None];
        try
        {
            var task = (Task)open.Invoke(null, call)!;
            await task;
            return (IAsyncDisposable)task.GetType().GetProperty("Result")!.GetValue(task)!;
        }
        catch (TargetInvocationException invocation) when (invocation.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(invocation.InnerException);
            throw;
        }
    }

    /// <summary>Every row of an open reader (<c>ReadRowsAsync</c>), as objects.</summary>
    public static async Task<List<object>> RowsAsync(IAsyncDisposable reader)
    {
        var rows = new List<object>();
        var enumerable = (IAsyncEnumerable<object>)reader.GetType().GetMethod("ReadRowsAsync")!.Invoke(reader, [CancellationToken.None])!;
        await foreach (var row in enumerable)
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Every Arrow batch of an open reader (<c>ReadBatchesAsync</c>).</summary>
    public static IAsyncEnumerable<Apache.Arrow.RecordBatch> Batches(IAsyncDisposable reader)
        => (IAsyncEnumerable<Apache.Arrow.RecordBatch>)reader.GetType().GetMethod("ReadBatchesAsync")!.Invoke(reader, [CancellationToken.None])!;

    /// <summary>The statement a reader ran: its SQL and its parameters, as sent.</summary>
    public static Execution.SqlStatement StatementOf(IAsyncDisposable reader)
        => ((Execution.CompletedStatement)reader.GetType().GetProperty("Statement")!.GetValue(reader)!).Statement;

    /// <summary>A row's property values, in the order of the query's columns.</summary>
    public static object?[] Values(object row, QueryDescriptor query)
        => query.Columns.Select(c => row.GetType().GetProperty(c.PropertyName)!.GetValue(row)).ToArray();
}
