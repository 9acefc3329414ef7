using DataRefresh.Configuration;
using DataRefresh.Engines;
using DataRefresh.Planning;

namespace DataRefresh.Tests.Unit;

public class WatermarksTests
{
    private static TableConfig Table(IncrementalType type, int buffer = 0) => new()
    {
        Name = "T",
        SyncMode = SyncMode.Incremental,
        IncrementalColumn = "c",
        IncrementalType = type,
        DateBufferDays = buffer,
    };

    [Theory]
    [InlineData(IncrementalType.Identity, 0)]
    [InlineData(IncrementalType.Date, 0)]
    [InlineData(IncrementalType.Date, 7)]
    [InlineData(IncrementalType.DateTime, 3)]
    public void No_watermark_means_no_filter(IncrementalType type, int buffer) =>
        Assert.Equal((null, null), Watermarks.Filters(Table(type, buffer), "c", null));

    [Fact]
    public void Identity_copies_rows_above_the_target_max_and_deletes_nothing()
    {
        var (source, delete) = Watermarks.Filters(Table(IncrementalType.Identity), "order_id", 42L);

        Assert.Equal(new RowFilter("order_id", FilterOperator.Greater, 42L), source);
        Assert.Null(delete);
    }

    [Fact]
    public void Identity_ignores_a_buffer_it_should_never_have_been_given()
    {
        var (source, delete) = Watermarks.Filters(Table(IncrementalType.Identity, 5), "id", 10);

        Assert.Equal(new RowFilter("id", FilterOperator.Greater, 10), source);
        Assert.Null(delete);
    }

    [Fact]
    public void A_date_without_buffer_is_a_strict_greater_than()
    {
        var mark = new DateOnly(2024, 3, 10);

        var (source, delete) = Watermarks.Filters(Table(IncrementalType.Date), "report_date", mark);

        Assert.Equal(new RowFilter("report_date", FilterOperator.Greater, mark), source);
        Assert.Null(delete);
    }

    [Fact]
    public void A_buffer_resyncs_from_the_shifted_bound_on_both_sides()
    {
        var mark = new DateTime(2024, 3, 10, 14, 30, 0);

        var (source, delete) = Watermarks.Filters(Table(IncrementalType.DateTime, 7), "modified", mark);

        var expected = new RowFilter("modified", FilterOperator.GreaterOrEqual, new DateTime(2024, 3, 3, 14, 30, 0));
        Assert.Equal(expected, source);
        Assert.Equal(expected, delete);
    }

    [Fact]
    public void A_buffer_on_a_text_date_keeps_it_text()
    {
        var (source, delete) = Watermarks.Filters(Table(IncrementalType.Date, 1), "d", "2024-03-01");

        Assert.Equal(new RowFilter("d", FilterOperator.GreaterOrEqual, "2024-02-29"), source);
        Assert.Equal(source, delete);
    }

    [Fact]
    public void Shift_keeps_the_clr_type()
    {
        Assert.Equal(new DateTime(2023, 12, 25, 8, 0, 0, DateTimeKind.Utc), Watermarks.Shift(new DateTime(2024, 1, 1, 8, 0, 0, DateTimeKind.Utc), -7));
        Assert.Equal(DateTimeKind.Utc, ((DateTime)Watermarks.Shift(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), -1)).Kind);
        Assert.Equal(new DateOnly(2024, 2, 29), Watermarks.Shift(new DateOnly(2024, 3, 7), -7));
        Assert.Equal(new DateOnly(2023, 3, 1), Watermarks.Shift(new DateOnly(2023, 2, 28), 1));
        var offset = new DateTimeOffset(2024, 3, 10, 1, 0, 0, TimeSpan.FromHours(-5));
        Assert.Equal(offset.AddDays(-2), Watermarks.Shift(offset, -2));
        Assert.Equal(TimeSpan.FromHours(-5), ((DateTimeOffset)Watermarks.Shift(offset, -2)).Offset);
    }

    [Theory]
    [InlineData("2024-03-10", -7, "2024-03-03")]
    [InlineData("2024-03-01", -1, "2024-02-29")]
    [InlineData("2024-01-03", -7, "2023-12-27")]
    [InlineData("2024-03-10 12:34:56", -7, "2024-03-03 12:34:56")]
    [InlineData("2024-03-10T12:34:56", -7, "2024-03-03T12:34:56")]
    [InlineData("2024-03-10 12:34:56.5", -1, "2024-03-09 12:34:56.5")]
    [InlineData("2024-03-10 12:34:56.120", -1, "2024-03-09 12:34:56.120")]
    [InlineData("2024-03-10 12:34:56.000", -1, "2024-03-09 12:34:56.000")]
    [InlineData("2024-03-10T00:00:00.1234567", 2, "2024-03-12T00:00:00.1234567")]
    [InlineData("2024-03-10T23:59:59.999999", -10, "2024-02-29T23:59:59.999999")]
    public void Shift_keeps_a_text_dates_format_and_precision(string text, int days, string expected) =>
        Assert.Equal(expected, Watermarks.Shift(text, days));

    [Theory]
    [InlineData("yesterday")]
    [InlineData("10/03/2024")]
    [InlineData("2024-03-10Z")]
    [InlineData(42)]
    [InlineData(4.5)]
    public void Shift_refuses_what_is_not_a_date(object value)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Watermarks.Shift(value, -1));

        Assert.Contains("is not a date or timestamp, so date_buffer_days cannot be applied", ex.Message);
        Assert.Contains($"({value.GetType().Name})", ex.Message);
    }

    public static TheoryData<IncrementalType, object?> Compatible => new()
    {
        { IncrementalType.Identity, null },
        { IncrementalType.Date, null },
        { IncrementalType.Identity, (byte)1 },
        { IncrementalType.Identity, (short)1 },
        { IncrementalType.Identity, 1 },
        { IncrementalType.Identity, 1L },
        { IncrementalType.Identity, 1m },
        { IncrementalType.Date, new DateTime(2024, 1, 1) },
        { IncrementalType.Date, new DateOnly(2024, 1, 1) },
        { IncrementalType.Date, "2024-01-01" },
        { IncrementalType.DateTime, new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero) },
        { IncrementalType.DateTime, "2024-01-01 10:00:00.123" },
        { IncrementalType.DateTime, "2024-01-01T10:00:00" },
    };

    [Theory]
    [MemberData(nameof(Compatible))]
    public void No_mismatch_when_the_watermark_fits_the_type(IncrementalType type, object? watermark) =>
        Assert.Null(Watermarks.Mismatch(type, watermark));

    [Theory]
    [InlineData(IncrementalType.Identity, "abc", "incremental_type: identity needs a whole-number column, but its MAX is abc (String)")]
    [InlineData(IncrementalType.Identity, 2.5, "incremental_type: identity needs a whole-number column, but its MAX is 2.5 (Double)")]
    [InlineData(IncrementalType.Date, 5, "incremental_type: date needs a date or timestamp column, but its MAX is 5 (Int32)")]
    [InlineData(IncrementalType.DateTime, "soon", "incremental_type: datetime needs a date or timestamp column, but its MAX is soon (String)")]
    [InlineData(IncrementalType.DateTime, 1700000000L, "incremental_type: datetime needs a date or timestamp column, but its MAX is 1700000000 (Int64)")]
    public void Mismatch_names_the_type_and_the_value(IncrementalType type, object watermark, string expected) =>
        Assert.Equal(expected, Watermarks.Mismatch(type, watermark));

    [Fact]
    public void Identity_with_a_date_is_a_mismatch() =>
        Assert.Equal(
            "incremental_type: identity needs a whole-number column, but its MAX is 2024-01-02 (DateTime)",
            Watermarks.Mismatch(IncrementalType.Identity, new DateTime(2024, 1, 2)));

    [Fact]
    public void Format_is_invariant_and_drops_empty_parts()
    {
        Assert.Null(Watermarks.Format(null));
        Assert.Equal("2024-03-10", Watermarks.Format(new DateTime(2024, 3, 10)));
        Assert.Equal("2024-03-10 08:05:00", Watermarks.Format(new DateTime(2024, 3, 10, 8, 5, 0)));
        Assert.Equal("2024-03-10 08:05:00.25", Watermarks.Format(new DateTime(2024, 3, 10, 8, 5, 0, 250)));
        Assert.Equal("2024-03-10 00:00:00Z", Watermarks.Format(new DateTime(2024, 3, 10, 0, 0, 0, DateTimeKind.Utc)));
        Assert.Equal("2024-03-10 08:05:00+02:00", Watermarks.Format(new DateTimeOffset(2024, 3, 10, 8, 5, 0, TimeSpan.FromHours(2))));
        Assert.Equal("1234.5", Watermarks.Format(1234.5m));
        Assert.Equal("x", Watermarks.Format("x"));
    }
}
