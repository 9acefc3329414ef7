using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace DataRefresh.Tests.Dashboard;

/// <summary>The overview's reads (each table's last refresh from one indexed query) and the Server-Timing header the bench reads.</summary>
public sealed partial class DashboardOverviewTests : IAsyncLifetime
{
    private DashboardSite _site = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _site = await DashboardSite.StartAsync("orders", "customers", "audit_log");

    public async ValueTask DisposeAsync() => await _site.DisposeAsync();

    [Theory]
    [InlineData("/", "alice")]
    [InlineData("/api/tables", "alice")]
    [InlineData("/api/session", "bob")]
    [InlineData("/healthz", null)]
    [InlineData("/api/tables", null)]
    public async Task Every_response_carries_Server_Timing_with_the_servers_milliseconds(string path, string? user)
    {
        using var response = await _site.GetAsync(path, user);

        Assert.True(response.Headers.TryGetValues("Server-Timing", out var values), $"GET {path} has no Server-Timing header");
        var match = ServerTimingPattern().Match(string.Join(",", values));
        Assert.True(match.Success, string.Join(",", values));
        Assert.InRange(double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), 0, 60_000);
    }

    [Fact]
    public async Task A_table_whose_last_run_is_old_shows_it_while_another_table_has_500_newer_runs()
    {
        await _site.RefreshAsync("orders", "customers");   // the history table, and a row for each
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(_site.Folder, "uat.db")};Pooling=False"))
        {
            await connection.OpenAsync(Token);
            await using var command = connection.CreateCommand();
            command.CommandText = """
                UPDATE datarefresh_history SET started_at = '2020-01-01 00:00:00', ended_at = '2020-01-01 00:00:05', rows_copied = 1000 WHERE table_name = 'customers';
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500)
                INSERT INTO datarefresh_history (entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, os_user, db_login, host, process_id, module_version)
                SELECT 'busy' || i, 'r' || i, 'orders', 1, 'FullReplace', 'Full', 'Succeeded', datetime('2024-01-01', i || ' minutes'), datetime('2024-01-01', i || ' minutes', '+2 seconds'), i, 0, 'u', 'l', 'h', 1, 'v' FROM n;
                """;
            await command.ExecuteNonQueryAsync(Token);
        }

        var overview = await _site.JsonAsync("/api/tables");

        var tables = overview.GetProperty("tables").EnumerateArray().ToDictionary(t => t.GetProperty("table").GetString()!);
        Assert.Empty(overview.GetProperty("errors").EnumerateArray());
        var customers = tables["customers"].GetProperty("lastRefresh");
        Assert.Equal(("Succeeded", 1000L), (customers.GetProperty("status").GetString(), customers.GetProperty("rowsCopied").GetInt64()));
        Assert.StartsWith("2020-01-01", customers.GetProperty("startedAt").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKindNull, tables["audit_log"].GetProperty("lastRefresh").ValueKind);
        Assert.Equal(1000L, tables["orders"].GetProperty("sourceRows").GetInt64());

        using var page = await _site.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("2020-01-01 00:00:00Z", await page.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    [GeneratedRegex(@"^app;dur=(\d+(\.\d+)?)$")]
    private static partial Regex ServerTimingPattern();
}
