using DataRefresh.Configuration;
using DataRefresh.Planning;

namespace DataRefresh.Tests.Unit;

public class SyncDecisionTests
{
    private static TableConfig Table(SyncMode mode, int buffer = 0, bool truncate = true) => new()
    {
        Name = "Orders",
        SyncMode = mode,
        IncrementalColumn = mode == SyncMode.FullReplace ? null : "order_id",
        IncrementalType = mode == SyncMode.FullReplace ? null : buffer > 0 ? IncrementalType.Date : IncrementalType.Identity,
        DateBufferDays = buffer,
        TruncateTarget = truncate,
    };

    [Theory]
    // full_replace: always full, whatever the target holds.
    [InlineData(SyncMode.FullReplace, false, false, RefreshAction.Full, "full_replace: empty the target (TRUNCATE where allowed) and copy every source row, in one transaction")]
    [InlineData(SyncMode.FullReplace, false, true, RefreshAction.Full, "full_replace: empty the target (TRUNCATE where allowed) and copy every source row, in one transaction")]
    [InlineData(SyncMode.FullReplace, true, false, RefreshAction.Full, "full_replace: empty the target (TRUNCATE where allowed) and copy every source row, in one transaction")]
    [InlineData(SyncMode.FullReplace, true, true, RefreshAction.Full, "full_replace: empty the target (TRUNCATE where allowed) and copy every source row, in one transaction")]
    // incremental: always incremental; no watermark means every source row.
    [InlineData(SyncMode.Incremental, false, false, RefreshAction.Incremental, "incremental: target has no order_id values, so every source row is copied")]
    [InlineData(SyncMode.Incremental, false, true, RefreshAction.Incremental, "incremental: copy source rows with order_id > 42 (target MAX)")]
    [InlineData(SyncMode.Incremental, true, false, RefreshAction.Incremental, "incremental: target has no order_id values, so every source row is copied")]
    [InlineData(SyncMode.Incremental, true, true, RefreshAction.Incremental, "incremental: copy source rows with order_id > 42 (target MAX)")]
    // smart_sync: an empty target goes full, a non-empty one incremental.
    [InlineData(SyncMode.SmartSync, false, false, RefreshAction.Full, "target empty: smart_sync chose full")]
    [InlineData(SyncMode.SmartSync, false, true, RefreshAction.Full, "target empty: smart_sync chose full")]
    [InlineData(SyncMode.SmartSync, true, false, RefreshAction.Incremental, "smart_sync chose incremental (target has rows): target has no order_id values, so every source row is copied")]
    [InlineData(SyncMode.SmartSync, true, true, RefreshAction.Incremental, "smart_sync chose incremental (target has rows): copy source rows with order_id > 42 (target MAX)")]
    public void Decides_every_mode_for_every_target_state(SyncMode mode, bool targetHasRows, bool hasWatermark, RefreshAction action, string reason)
    {
        var (decided, why) = SyncDecision.Decide(Table(mode), targetHasRows, hasWatermark ? 42L : null);

        Assert.Equal(action, decided);
        Assert.Equal(reason, why);
    }

    [Fact]
    public void Full_replace_without_truncate_says_delete()
    {
        var (action, reason) = SyncDecision.Decide(Table(SyncMode.FullReplace, truncate: false), true, null);

        Assert.Equal(RefreshAction.Full, action);
        Assert.Contains("empty the target (DELETE)", reason);
    }

    [Theory]
    [InlineData(SyncMode.Incremental, "incremental: re-sync the last 7 day(s): delete target rows with order_id >= 2024-03-03 (target MAX 2024-03-10 minus 7 day(s)) and copy source rows from the same bound")]
    [InlineData(SyncMode.SmartSync, "smart_sync chose incremental (target has rows): re-sync the last 7 day(s): delete target rows with order_id >= 2024-03-03 (target MAX 2024-03-10 minus 7 day(s)) and copy source rows from the same bound")]
    public void A_date_buffer_explains_the_resync_window(SyncMode mode, string reason)
    {
        var (action, why) = SyncDecision.Decide(Table(mode, buffer: 7), true, new DateTime(2024, 3, 10));

        Assert.Equal(RefreshAction.Incremental, action);
        Assert.Equal(reason, why);
    }

    [Fact]
    public void A_date_buffer_without_a_watermark_still_copies_everything()
    {
        var (action, why) = SyncDecision.Decide(Table(SyncMode.Incremental, buffer: 7), true, null);

        Assert.Equal(RefreshAction.Incremental, action);
        Assert.Equal("incremental: target has no order_id values, so every source row is copied", why);
    }

    [Fact]
    public void Smart_sync_goes_full_on_an_empty_target_even_without_fallback_to_full()
    {
        var table = Table(SyncMode.SmartSync) with { FallbackToFull = false };

        Assert.Equal(RefreshAction.Full, SyncDecision.Decide(table, false, null).Action);
    }

    [Fact]
    public void A_null_table_is_rejected() =>
        Assert.Throws<ArgumentNullException>(() => SyncDecision.Decide(null!, true, null));
}
