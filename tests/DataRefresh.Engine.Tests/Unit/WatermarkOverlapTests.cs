using DataRefresh.Configuration;
using DataRefresh.Engines;
using DataRefresh.Planning;

namespace DataRefresh.Tests.Unit;

/// <summary>incremental_overlap: after the copy above the watermark, the last N ids up to it are read again and the missing ones inserted.</summary>
public class WatermarkOverlapTests
{
    private static TableConfig Table(long? overlap = null) => new()
    {
        Name = "T",
        SyncMode = SyncMode.Incremental,
        IncrementalColumn = "order_id",
        IncrementalType = IncrementalType.Identity,
        IncrementalOverlap = overlap,
    };

    [Theory]
    [InlineData(42L, 42L)]
    [InlineData(42, 42L)]
    [InlineData((short)42, 42L)]
    public void The_window_starts_n_minus_1_ids_below_the_target_max(object watermark, long max)
    {
        var window = Watermarks.OverlapFilter("order_id", watermark, 10);

        Assert.Equal(("order_id", FilterOperator.GreaterOrEqual, max - 9), (window!.Column, window.Operator, Convert.ToInt64(window.Value, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void The_copy_itself_stays_above_the_watermark_and_nothing_is_deleted()
    {
        var (source, delete) = Watermarks.Filters(Table(10), "order_id", 42L);

        Assert.Equal(("order_id", FilterOperator.Greater, (object)42L), (source!.Column, source.Operator, source.Value));
        Assert.Null(delete);
    }

    [Fact]
    public void A_decimal_watermark_keeps_its_type() =>
        Assert.Equal(33m, Watermarks.OverlapFilter("order_id", 42m, 10)!.Value);

    [Fact]
    public void No_watermark_or_no_overlap_has_no_window()
    {
        Assert.Null(Watermarks.OverlapFilter("order_id", null, 10));
        Assert.Null(Watermarks.OverlapFilter("order_id", 42L, 0));
    }

    [Fact]
    public void The_reason_says_which_rows_are_read_again_and_that_nothing_is_deleted() =>
        Assert.Equal(
            "incremental: copy source rows with order_id > 42 (target MAX), then re-read the 10 id(s) from order_id >= 33 (incremental_overlap) and insert those the target lacks (numbered before, committed after, the last copy); nothing is deleted",
            SyncDecision.Decide(Table(10), true, 42L, 10).Reason);

    [Fact]
    public void Unset_means_the_default_window() =>
        Assert.Equal(1000L, TableConfig.DefaultIncrementalOverlap);
}
