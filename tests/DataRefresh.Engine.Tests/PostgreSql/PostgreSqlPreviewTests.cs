using DataRefresh.Configuration;
using DataRefresh.Dashboard;
using DataRefresh.Preview;
using DataRefresh.Tests.Support;
using static DataRefresh.Tests.Support.RefreshHarness;

namespace DataRefresh.Tests.PostgreSql;

/// <summary>The dashboard's data preview on PostgreSQL: keyset pages on a composite key, through the sealed cursor, on both sides.</summary>
[Trait("Category", "PostgreSql")]
public sealed class PostgreSqlPreviewTests : PostgresTestBase
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pages_on_a_composite_text_and_timestamp_key_cover_every_row_once_in_key_order()
    {
        await Both("CREATE TABLE events (region text, at timestamp, n int, note text, PRIMARY KEY (region, at))");
        const string rows = "INSERT INTO events SELECT (ARRAY['north', 'South', 'east', 'Ünter'])[1 + g % 4], timestamp '2024-01-01' + g * interval '1 minute 0.25 second', g, 'row ' || g FROM generate_series(1, 250) g";
        await Pg.ExecAsync(Src, rows);
        await Pg.ExecAsync(Tgt, rows.Replace("'row '", "'uat '", StringComparison.Ordinal));
        var config = Pg.Config(Src, Tgt, [Full("events")]);
        var expected = (await Pg.ScalarAsync<string>(Tgt, "SELECT string_agg(n::text, ',' ORDER BY region, at) FROM events")).Split(',');

        foreach (var side in new[] { DatabaseSide.Target, DatabaseSide.Source })
        {
            var seen = new List<int>();
            IReadOnlyList<object?>? after = null;
            do
            {
                var page = await TablePreview.ReadAsync(config, "events", side, after, 40, Token);
                Assert.Equal(["region", "at"], page.Key);
                Assert.Equal(["region", "at", "n", "note"], page.Columns);
                Assert.True(page.Rows.Count <= 40);
                seen.AddRange(page.Rows.Select(r => (int)r[2]!));
                after = page.NextAfter is { } next ? DashboardPreview.Open(DashboardPreview.Seal("events", side, next), "events", side) : null;
            }
            while (after is not null);

            Assert.Equal(250, seen.Count);
            Assert.Equal(250, seen.Distinct().Count());
            Assert.Equal(expected, seen.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }
}
