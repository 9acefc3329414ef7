using DataRefresh.Configuration;
using DataRefresh.Execution;
using DataRefresh.Planning;
using static DataRefresh.Configuration.DatabaseSide;
using static DataRefresh.Tests.Support.RefreshHarness;

namespace DataRefresh.Tests.Conformance;

/// <summary>A date buffer's window DELETE on a parent whose children would cascade or be set null is blocked in the plan.</summary>
public abstract partial class EngineConformanceTests
{
    [Fact]
    public async Task A_date_buffer_window_on_a_parent_is_blocked_when_a_child_outside_the_run_would_cascade_or_be_set_null_even_with_defer()
    {
        SkipIfKnownBug();
        await Both($"""
            CREATE TABLE batch (id {Db.IntType} PRIMARY KEY, made_on {Db.DateType} NOT NULL, note {Db.TextType});
            CREATE TABLE cascading_parcel (id {Db.IntType} PRIMARY KEY, batch_id {Db.IntType} REFERENCES batch (id) ON DELETE CASCADE{Deferrable});
            CREATE TABLE nulling_parcel (id {Db.IntType} PRIMARY KEY, batch_id {Db.IntType} REFERENCES batch (id) ON DELETE SET NULL{Deferrable});
            """);
        await Db.ExecAsync(Source, $"INSERT INTO batch (id, made_on, note) SELECT g, {Db.AddDays("2024-01-01", "g - 1")}, 'new' FROM {Db.Series(1, 10)}");
        await Db.ExecAsync(Target, $"INSERT INTO batch (id, made_on, note) SELECT g, {Db.AddDays("2024-01-01", "g - 1")}, 'old' FROM {Db.Series(1, 8)}");

        // Both children reference a batch inside the 2-day window (Jan 6..8), which the window DELETE would remove.
        await Db.ExecAsync(Target, "INSERT INTO cascading_parcel (id, batch_id) VALUES (1, 7)");
        await Db.ExecAsync(Target, "INSERT INTO nulling_parcel (id, batch_id) VALUES (1, 8)");
        var before = await Db.DumpAsync(Target, "batch", "id");

        foreach (var external in new[] { ExternalReferences.Block, ExternalReferences.Defer })
        {
            var (plans, results, _) = await RunAsync(Db.Config([Incremental("batch", "made_on", IncrementalType.Date, buffer: 2) with { ExternalReferences = external }]));

            var plan = plans.Single("batch");
            Assert.Equal(RefreshAction.Skip, plan.Action);
            Assert.Contains("date_buffer_days window", plan.Reason, StringComparison.Ordinal);
            Assert.Contains("ON DELETE CASCADE", plan.Reason, StringComparison.Ordinal);
            Assert.Contains("cascading_parcel", plan.Reason, StringComparison.Ordinal);
            Assert.Contains("ON DELETE SET NULL", plan.Reason, StringComparison.Ordinal);
            Assert.Contains("nulling_parcel", plan.Reason, StringComparison.Ordinal);
            Assert.Equal(RefreshStatus.Skipped, results.Single("batch").Status);
            Assert.Equal(before, await Db.DumpAsync(Target, "batch", "id"));
            Assert.Equal(1L, await Long(Target, "SELECT count(*) FROM cascading_parcel WHERE batch_id = 7"));
            Assert.Equal(1L, await Long(Target, "SELECT count(*) FROM nulling_parcel WHERE batch_id = 8"));
        }
    }
}
