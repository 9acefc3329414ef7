using System.Globalization;
using DataRefresh.Configuration;
using DataRefresh.Tests.Support;
using static DataRefresh.Tests.Support.RefreshHarness;

namespace DataRefresh.Tests.PostgreSql;

/// <summary>What the plan says, in which words and which form of values, against a real PostgreSQL server.</summary>
[Trait("Category", "PostgreSql")]
public sealed class PostgreSqlPlanWordsTests : PostgresTestBase
{
    [Fact]
    public async Task Watermarks_read_the_same_in_the_plan_the_result_and_the_history_whatever_the_culture()
    {
        await Both("CREATE TABLE readings (id int PRIMARY KEY, taken_at timestamp(6) NOT NULL)");
        await Pg.ExecAsync(Src, "INSERT INTO readings VALUES (1, '2022-07-27 10:39:20.123456'), (2, '2022-07-28 11:00:00.5')");
        await Pg.ExecAsync(Tgt, "INSERT INTO readings VALUES (1, '2022-07-27 10:39:20.123456')");
        var config = Pg.Config(Src, Tgt, [Incremental("readings", "taken_at", IncrementalType.DateTime)]);
        var saved = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("en-US");
        try
        {
            var plan = (await PlanAsync(config)).Single("readings");
            var (_, results, _) = await RunAsync(config);

            Assert.Equal("2022-07-27 10:39:20.123456", plan.Watermark);
            Assert.IsType<DateTime>(plan.WatermarkValue);
            Assert.Contains("> 2022-07-27 10:39:20.123456 (target MAX)", plan.Reason, StringComparison.Ordinal);
            Assert.Equal(plan.Watermark, results.Single("readings").WatermarkBefore);
            Assert.Equal("2022-07-28 11:00:00.5", results.Single("readings").WatermarkAfter);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public async Task A_date_buffer_names_the_bound_it_deletes_from()
    {
        await Both("CREATE TABLE daily (day date PRIMARY KEY, total int)");
        await Pg.ExecAsync(Src, "INSERT INTO daily SELECT d, 1 FROM generate_series('2024-03-01'::date, '2024-03-12'::date, '1 day') d");
        await Pg.ExecAsync(Tgt, "INSERT INTO daily SELECT d, 0 FROM generate_series('2024-03-01'::date, '2024-03-10'::date, '1 day') d");
        var config = Pg.Config(Src, Tgt, [Incremental("daily", "day", IncrementalType.Date, buffer: 3)]);

        var plan = (await PlanAsync(config)).Single("daily");
        var (_, results, _) = await RunAsync(config);

        Assert.Contains("delete target rows with day >= 2024-03-07 (target MAX 2024-03-10 minus 3 day(s))", plan.Reason, StringComparison.Ordinal);
        Assert.Equal("\"day\" >= '2024-03-07'::date", plan.TargetDelete);
        Assert.Equal(4, results.Single("daily").RowsDeleted);
        Assert.Equal(6, results.Single("daily").RowsCopied);
    }

    [Fact]
    public async Task Incremental_type_date_on_a_timestamp_column_warns_what_it_implies()
    {
        await Both("CREATE TABLE events (id int PRIMARY KEY, happened timestamptz NOT NULL, logged date NOT NULL)");
        var config = Pg.Config(Src, Tgt, [Incremental("events", "happened", IncrementalType.Date), Incremental("events_by_day", "logged", IncrementalType.Date)]);
        await Both("CREATE TABLE events_by_day (id int PRIMARY KEY, logged date NOT NULL)");

        var plans = await PlanAsync(config);

        var warning = Assert.Single(plans.Single("events").Warnings, w => w.StartsWith("incremental_type: date", StringComparison.Ordinal));
        Assert.Contains("happened is timestamp with time zone, which has a time of day", warning, StringComparison.Ordinal);
        Assert.Contains("set incremental_type: datetime", warning, StringComparison.Ordinal);
        Assert.DoesNotContain(plans.Single("events_by_day").Warnings, w => w.StartsWith("incremental_type", StringComparison.Ordinal));
    }
}
