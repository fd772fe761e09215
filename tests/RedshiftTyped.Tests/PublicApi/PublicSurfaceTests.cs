using System.ComponentModel;
using System.Reflection;

namespace RedshiftTyped.Tests.PublicApi;

/// <summary>
/// The public surface: plumbing that generated code needs is hidden from IntelliSense, and each shipped project tracks
/// its public API in PublicAPI.Shipped.txt / PublicAPI.Unshipped.txt with the analyzer that fails the build when the
/// API and the files disagree.
/// </summary>
public sealed class PublicSurfaceTests
{
    private static readonly string RepositoryRoot = FindRoot();

    public static TheoryData<Type> Plumbing => new()
    {
        typeof(Typed.JsonFieldReader), typeof(Typed.CsvFieldReader), typeof(Typed.DataApiRecords), typeof(Typed.TypedResultPage<>),
        typeof(Typed.ArrowValues), typeof(Typed.IRowDecoder<>), typeof(Typed.IArrowBatchBuilder<>), typeof(RedshiftTyped.Values.RedshiftTextParser),
        typeof(DataApi.Serialization.RedshiftDataJsonContext), typeof(DataApi.Serialization.AwsErrorBody),
        typeof(DataApi.Serialization.EpochSecondsConverter), typeof(DataApi.Transport.AwsCredentialSource), typeof(Execution.PollingSchedule),
        typeof(SecretsManager.SecretsManagerJsonContext),
    };

    [Theory]
    [MemberData(nameof(Plumbing))]
    public void Plumbing_is_hidden_from_intellisense(Type type)
        => Assert.Equal(EditorBrowsableState.Never, type.GetCustomAttribute<EditorBrowsableAttribute>()?.State);

    [Fact]
    public void Constructors_for_generated_code_are_hidden_and_what_users_call_is_not()
    {
        Assert.All(new[] { typeof(Typed.ColumnDescriptor), typeof(Typed.Column<,>), typeof(Typed.TableDescriptor<>) },
            t => Assert.All(t.GetConstructors(), c => Assert.Equal(EditorBrowsableState.Never, c.GetCustomAttribute<EditorBrowsableAttribute>()?.State)));
        Assert.Null(typeof(RedshiftClient).GetCustomAttribute<EditorBrowsableAttribute>());
        Assert.Null(typeof(RedshiftTyped.Reading.SnapshotOptions).GetMethod(nameof(RedshiftTyped.Reading.SnapshotOptions.OrderBy))!.GetCustomAttribute<EditorBrowsableAttribute>());
    }

    [Theory]
    [InlineData("src/RedshiftTyped")]
    [InlineData("src/RedshiftTyped.Local")]
    [InlineData("src/RedshiftTyped.Tool")]
    public void Each_shipped_project_tracks_its_public_api(string project)
    {
        string directory = Path.Combine(RepositoryRoot, project);
        string csproj = File.ReadAllText(Directory.GetFiles(directory, "*.csproj").Single());
        Assert.Contains("Microsoft.CodeAnalysis.PublicApiAnalyzers", csproj, StringComparison.Ordinal);
        Assert.Contains("PublicAPI.Shipped.txt;PublicAPI.Unshipped.txt", csproj, StringComparison.Ordinal);
        foreach (string file in new[] { "PublicAPI.Shipped.txt", "PublicAPI.Unshipped.txt" })
        {
            Assert.StartsWith("#nullable enable", File.ReadAllText(Path.Combine(directory, file)), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("RedshiftTyped.Reading.SnapshotOptions.OrderBy(params RedshiftTyped.Reading.ColumnOrder![]! keys) -> RedshiftTyped.Reading.SnapshotOptions!")]
    [InlineData("RedshiftTyped.Typed.Column<TRecord, TValue>.Descending() -> RedshiftTyped.Reading.ColumnOrder!")]
    [InlineData("RedshiftTyped.RedshiftClient.QueryAsync(string! sql, System.Threading.CancellationToken cancellationToken = default(System.Threading.CancellationToken)) -> System.Collections.Generic.IAsyncEnumerable<RedshiftTyped.Reading.RedshiftRow!>!")]
    [InlineData("RedshiftTyped.DataApi.Errors.EndpointUnreachableException.Failure.get -> RedshiftTyped.DataApi.Errors.EndpointFailure")]
    public void The_api_file_lists_the_api_users_call(string line)
        => Assert.Contains(line, File.ReadAllLines(Path.Combine(RepositoryRoot, "src", "RedshiftTyped", "PublicAPI.Unshipped.txt")));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RedshiftTyped.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("RedshiftTyped.sln was not found above the test's directory.");
    }
}
