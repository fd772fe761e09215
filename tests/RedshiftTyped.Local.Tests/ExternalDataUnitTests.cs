using RedshiftTyped.Local.Catalog.External;
using RedshiftTyped.Local.Engine;
using RedshiftTyped.Local.Statements;

namespace RedshiftTyped.Local.Tests;

/// <summary>External locations and values: where s3:// maps on disk, what stays out of reach, how text becomes values.</summary>
public sealed class ExternalDataUnitTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("rt-external-unit-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void S3_locations_map_under_the_folder_and_nothing_leads_out_of_it()
    {
        var locations = new ExternalLocation(_root);

        Assert.Equal(Path.Combine(_root, "bucket", "prefix") + Path.DirectorySeparatorChar, locations.Resolve("s3://bucket/prefix/"));
        Assert.Equal(Path.Combine(_root, "bucket", "p"), locations.Resolve("S3://bucket/p"));
        foreach (string outside in (string[])["s3://bucket/../../etc/", "s3://../x/", "s3://bucket/./x", "s3://bucket\\..\\x"])
        {
            Assert.Contains("is outside the external data folder", Assert.Throws<EngineFailure>(() => locations.Resolve(outside)).Message);
        }

        Assert.Contains("is not an s3://bucket/prefix/ location", Assert.Throws<EngineFailure>(() => locations.Resolve("file:///etc/")).Message);
        Assert.Contains("--external-data DIR", Assert.Throws<EngineFailure>(() => new ExternalLocation(null).Resolve("s3://b/p/")).Message);
    }

    [Fact]
    public void Files_skip_hidden_and_underscore_names_and_links_out_of_the_folder_are_refused()
    {
        var locations = new ExternalLocation(_root);
        string folder = Directory.CreateDirectory(Path.Combine(_root, "b", "t", "sub")).Parent!.FullName;
        File.WriteAllText(Path.Combine(folder, "a.csv"), "1");
        File.WriteAllText(Path.Combine(folder, "sub", "b.csv"), "2");
        File.WriteAllText(Path.Combine(folder, "_SUCCESS"), "");
        File.WriteAllText(Path.Combine(folder, ".hidden"), "");

        Assert.Equal([Path.Combine(folder, "a.csv"), Path.Combine(folder, "sub", "b.csv")], locations.Files("s3://b/t/"));
        Assert.Empty(locations.Files("s3://b/missing/"));

        string outside = Directory.CreateTempSubdirectory("rt-outside-").FullName;
        try
        {
            File.CreateSymbolicLink(Path.Combine(folder, "escape.csv"), Path.Combine(outside, "secret.csv"));
            File.WriteAllText(Path.Combine(outside, "secret.csv"), "s");
            Assert.Contains("is outside the external data folder", Assert.Throws<EngineFailure>(() => locations.Files("s3://b/t/")).Message);
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    [Theory]
    [InlineData("2017-05-01", "2017-05-01")]
    [InlineData("05-01-2017", "2017-05-01")]
    [InlineData("may-01-2017", "2017-05-01")]
    [InlineData("01-may-2017", "2017-05-01")]
    [InlineData("2017-may-01", "2017-05-01")]
    [InlineData("05-01-17", "2017-05-01")]
    [InlineData("05-01-89", "1989-05-01")]
    [InlineData("05/01/2017", "2017-05-01")]
    public void Text_dates_take_the_formats_external_tables_accept(string text, string expected)
        => Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), ExternalValues.FromText(text, new RsTypeInfo(RsType.Date)));

    [Fact]
    public void Text_values_convert_to_their_column_type_and_character_values_are_cut_to_their_byte_length()
    {
        Assert.Equal(new DateTime(2017, 5, 1, 11, 30, 59, 123), ExternalValues.FromText("2017-05-01 11:30:59.123000", new RsTypeInfo(RsType.Timestamp)));
        Assert.Equal(12.35m, ExternalValues.FromText("12.345", new RsTypeInfo(RsType.Numeric, Precision: 8, Scale: 2)));
        Assert.Equal("éé", ExternalValues.FromText("ééé", new RsTypeInfo(RsType.Varchar, Length: 5)));
        Assert.Equal(true, ExternalValues.FromText("TRUE", new RsTypeInfo(RsType.Bool)));
        Assert.Equal("\"x\" is not a valid int4 value", Assert.Throws<FormatException>(() => ExternalValues.FromText("x", new RsTypeInfo(RsType.Int4))).Message);
        Assert.Equal("\"99999\" is out of range for int2", Assert.Throws<OverflowException>(() => ExternalValues.FromText("99999", new RsTypeInfo(RsType.Int2))).Message);
        Assert.Equal("int", ExternalValues.ExternalTypeName(new RsTypeInfo(RsType.Int4)));
        Assert.Equal("decimal(8,2)", ExternalValues.ExternalTypeName(new RsTypeInfo(RsType.Numeric, Precision: 8, Scale: 2)));
    }
}
