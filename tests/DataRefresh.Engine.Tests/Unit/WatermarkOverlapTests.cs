using DataRefresh.Configuration;
using DataRefresh.Engines;
using DataRefresh.Planning;

namespace DataRefresh.Tests.Unit;

/// <summary>incremental_overlap: the last N ids up to the watermark are deleted and copied again.</summary>
public class WatermarkOverlapTests
{
    private static TableConfig Table(long overlap) => new()
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
        var (source, delete) = Watermarks.Filters(Table(10), "order_id", watermark);

        Assert.Equal(("order_id", FilterOperator.GreaterOrEqual, max - 9), (source!.Column, source.Operator, Convert.ToInt64(source.Value, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal((source.Column, source.Operator, source.Value), (delete!.Column, delete.Operator, delete.Value));
    }

    [Fact]
    public void A_decimal_watermark_keeps_its_type() =>
        Assert.Equal(33m, Watermarks.Filters(Table(10), "order_id", 42m).Source!.Value);

    [Fact]
    public void The_reason_says_which_rows_are_deleted_and_copied_again() =>
        Assert.Equal(
            "incremental: re-copy the last 10 id(s) (incremental_overlap): delete target rows with order_id >= 33 (target MAX 42 minus 9) and copy source rows from the same bound",
            SyncDecision.Decide(Table(10), true, 42L).Reason);
}
