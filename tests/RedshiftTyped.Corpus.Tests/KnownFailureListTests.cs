using RedshiftTyped.Corpus.Tests.KnownFailures;

namespace RedshiftTyped.Corpus.Tests;

public sealed class KnownFailureListTests
{
    private static readonly IReadOnlySet<string> Ids = new HashSet<string> { "a#1", "a#2", "b#1" };

    [Fact]
    public void Entries_apply_to_their_backend_or_to_both()
    {
        var list = KnownFailureList.Parse("k.tsv", ["# comment", "", "a#1\tduckdb\tno DECODE", "a#2\tboth\tspatial is unsupported"], Ids);
        Assert.Empty(list.Errors);
        Assert.Equal("no DECODE", list.Find("a#1", "duckdb")?.Reason);
        Assert.Null(list.Find("a#1", "postgres"));
        Assert.Equal(4, list.Find("a#2", "postgres")?.Line);
        Assert.Null(list.Find("b#1", "duckdb"));
    }

    [Theory]
    [InlineData("x#9\tduckdb\twhy", "k.tsv:1: case x#9 is not in the suite; remove the line or correct the id")]
    [InlineData("a#1\tsqlite\twhy", "k.tsv:1: backend \"sqlite\" is not duckdb, postgres or both")]
    [InlineData("a#1\tduckdb\t ", "k.tsv:1: case a#1 has no reason; say why it fails (e.g. the unsupported feature)")]
    [InlineData("a#1 duckdb why", "k.tsv:1: expected 3 tab-separated fields (case id, backend, reason), found 1")]
    public void An_unusable_line_is_an_error_naming_the_file_and_line(string line, string error)
        => Assert.Equal([error], KnownFailureList.Parse("k.tsv", [line], Ids).Errors);

    [Theory]
    [InlineData("a#1\tduckdb\tx", "a#1\tduckdb\ty")]
    [InlineData("a#1\tboth\tx", "a#1\tpostgres\ty")]
    [InlineData("a#1\tpostgres\tx", "a#1\tboth\ty")]
    public void A_case_listed_twice_for_a_backend_is_an_error(string first, string second)
        => Assert.Equal(["k.tsv:2: case a#1 on " + second.Split('\t')[1] + " is already listed on line 1"],
            KnownFailureList.Parse("k.tsv", [first, second], Ids).Errors);

    [Fact]
    public void The_gate_names_a_missing_backend_and_refuses_a_malformed_line()
    {
        var gate = PassRateGate.Parse("g.tsv", ["# thresholds", "duckdb\t31.8"]);
        Assert.Equal(31.8, gate.MinimumPercent("duckdb"));
        Assert.Contains("no threshold for backend postgres", Assert.Throws<InvalidDataException>(() => gate.MinimumPercent("postgres")).Message);
        Assert.Contains("g.tsv:1:", Assert.Throws<InvalidDataException>(() => PassRateGate.Parse("g.tsv", ["duckdb\t101"])).Message);
    }
}
