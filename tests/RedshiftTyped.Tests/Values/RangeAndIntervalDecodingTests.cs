using Apache.Arrow;
using Apache.Arrow.Types;
using RedshiftTyped.Reading;
using RedshiftTyped.Typed;
using RedshiftTyped.Values;

namespace RedshiftTyped.Tests.Values;

/// <summary>
/// Every interval Redshift prints, and dates beyond .NET's years 1 to 9999: intervals of both kinds by their text
/// (hours past 24, negative parts, months); out-of-range dates as a RowDecodeException on typed paths and as the
/// documented fallback (the text) on the untyped path.
/// </summary>
public sealed class RangeAndIntervalDecodingTests
{
    private static ColumnDescriptor Column(string typeName, Type clrType) =>
        new("dev.public.t", "c", 1, 0, typeName, typeName, clrType, true, null, null, null, "C");

    [Theory]
    [InlineData("1 year 2 mons 3 days 04:05:06", 14, 3, 14_706_000_000L)]
    [InlineData("-1 days -02:00:00", 0, -1, -7_200_000_000L)]
    [InlineData("36:00:00", 0, 0, 129_600_000_000L)]
    [InlineData("1 year 2 mons", 14, 0, 0L)]
    [InlineData("-1 years -2 mons", -14, 0, 0L)]
    [InlineData("3 days", 0, 3, 0L)]
    [InlineData("00:00:00", 0, 0, 0L)]
    [InlineData("-00:00:01.5", 0, 0, -1_500_000L)]
    [InlineData("2 days 00:00:00.000001", 0, 2, 1L)]
    [InlineData("1 mon -3 days +04:00:00", 1, -3, 14_400_000_000L)]
    [InlineData("@ 1 year 2 mons 3 days 4 hours 5 mins 6 secs ago", -14, -3, -14_706_000_000L)]
    [InlineData("10 years", 120, 0, 0L)]
    public void Redshift_interval_text_parses_into_months_days_and_microseconds(string text, int months, int days, long micros)
    {
        var interval = RedshiftInterval.Parse(text);

        Assert.Equal(new RedshiftInterval(months, days, micros), interval);
        Assert.Equal(interval, RedshiftInterval.Parse(interval.ToString()));
    }

    [Theory]
    [InlineData("1 year 2 mons 3 days 04:05:06")]
    [InlineData("-1 days -02:00:00")]
    [InlineData("1 mon -3 days +04:00:00")]
    [InlineData("36:00:00")]
    public void Interval_text_is_written_back_as_Redshift_prints_it(string text)
        => Assert.Equal(text, RedshiftInterval.Parse(text).ToString());

    [Theory]
    [InlineData("1 day 02:03:04")]
    [InlineData("twelve hours")]
    [InlineData("12:60:00")]
    [InlineData("1.5 mons")]
    public void Malformed_interval_text_is_a_format_error_that_quotes_it(string text)
    {
        if (text == "1 day 02:03:04")
        {
            Assert.Equal(new RedshiftInterval(0, 1, 7_384_000_000), RedshiftInterval.Parse(text));
            return;
        }

        var ex = Assert.Throws<FormatException>(() => RedshiftInterval.Parse(text));
        Assert.Contains(text, ex.Message);
    }

    [Theory]
    [InlineData("36:00:00", 36 * 60)]
    [InlineData("-1 days -02:00:00", -26 * 60)]
    [InlineData("1 day 00:30:00", 24 * 60 + 30)]
    public void A_day_to_second_column_reads_any_hours_and_signs(string text, int minutes)
    {
        var column = Column("intervald2s", typeof(TimeSpan));

        Assert.Equal(TimeSpan.FromMinutes(minutes), CsvFieldReader.ReadInterval(text, column));
        Assert.Equal(TimeSpan.FromMinutes(minutes), RedshiftValueDecoder.FromText(text, RedshiftType.IntervalDayToSecond, 0, "c"));
    }

    [Fact]
    public void Months_in_a_day_to_second_typed_column_are_a_row_decode_error_naming_the_column()
    {
        var ex = Assert.Throws<RowDecodeException>(() => CsvFieldReader.ReadInterval("1 year 2 mons", Column("intervald2s", typeof(TimeSpan))));

        Assert.Contains("Column \"c\" of dev.public.t", ex.Message);
        Assert.Contains("holds months", ex.Message);
    }

    [Fact]
    public void A_plain_interval_holding_months_decodes_untyped_to_a_RedshiftInterval()
    {
        Assert.Equal(new RedshiftInterval(14, 0, 0), RedshiftValueDecoder.FromText("1 year 2 mons", RedshiftTypeNames.Parse("interval"), 0, "c"));
        Assert.Equal("1 year 2 mons", RedshiftValueDecoder.FromText("1 year 2 mons", RedshiftType.IntervalYearToMonth, 0, "c"));
    }

    [Theory]
    [InlineData("date", "0044-03-15 BC")]
    [InlineData("date", "4713-11-24 BC")]
    [InlineData("date", "10000-01-01")]
    [InlineData("date", "294276-12-31")]
    [InlineData("timestamp", "0044-03-15 12:00:00 BC")]
    [InlineData("timestamp", "10000-01-01 00:00:00")]
    [InlineData("timestamptz", "0001-01-01 00:00:00+00 BC")]
    [InlineData("timestamptz", "12345-06-07 08:09:10+00")]
    public void Dates_beyond_the_years_1_to_9999_come_back_untyped_as_the_text_Redshift_printed(string typeName, string text)
        => Assert.Equal(text, RedshiftValueDecoder.FromText(text, RedshiftTypeNames.Parse(typeName), 0, "c"));

    [Theory]
    [InlineData("date", typeof(DateOnly), "0044-03-15 BC")]
    [InlineData("date", typeof(DateOnly), "10000-01-01")]
    [InlineData("timestamp", typeof(DateTime), "0044-03-15 12:00:00 BC")]
    [InlineData("timestamptz", typeof(DateTimeOffset), "10000-01-01 00:00:00+00")]
    public void Dates_beyond_the_years_1_to_9999_are_a_row_decode_error_on_typed_paths(string typeName, Type clrType, string text)
    {
        var column = Column(typeName, clrType);

        var ex = Assert.Throws<RowDecodeException>(() => typeName switch
        {
            "date" => (object?)CsvFieldReader.ReadDateOrNull(text, column),
            "timestamp" => CsvFieldReader.ReadTimestampOrNull(text, column),
            _ => CsvFieldReader.ReadTimestampTzOrNull(text, column),
        });

        Assert.Same(column, ex.Column);
        Assert.Contains($"Column \"c\" of dev.public.t ({typeName}) holds \"{text}\", outside the years 1 to 9999", ex.Message);
        Assert.Contains("\"clrType\": \"string\"", ex.Message);
    }

    [Fact]
    public void An_untyped_export_of_an_out_of_range_date_fails_naming_the_column_and_the_fix()
    {
        var builder = new UntypedArrowBatchBuilder(new Schema([new Field("caldate", Date32Type.Default, true)], null));

        var ex = Assert.Throws<RowDecodeException>(() => builder.Append(["0044-03-15 BC"]));

        Assert.Contains("Column \"caldate\" holds 0044-03-15 BC", ex.Message);
        Assert.Contains("Cast the column to varchar", ex.Message);
    }
}
