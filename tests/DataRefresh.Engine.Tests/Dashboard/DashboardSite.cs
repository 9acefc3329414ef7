using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DataRefresh.Configuration;
using DataRefresh.Dashboard;
using DataRefresh.Execution;
using DataRefresh.Tests.Support;
using Microsoft.Data.Sqlite;

namespace DataRefresh.Tests.Dashboard;

/// <summary>
/// A real dashboard on a free loopback port over a real SQLite pair (prod.db → uat.db) with three local accounts:
/// alice (operator), bob (viewer), carol (no role). Every response a test reads is kept, to look for the canary.
/// </summary>
internal sealed class DashboardSite : IAsyncDisposable
{
    /// <summary>Every account's password: it must never come back in any response, log or file but the hash.</summary>
    public const string Canary = "canary-Pa55-7f3e";

    private readonly TempDir _dir;
    private readonly List<string> _seen = [];

    private DashboardSite(DashboardHost host, RefreshConfig config, TempDir dir)
    {
        Host = host;
        Config = config;
        _dir = dir;
        Folder = dir.Path;
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(host.Url) };
    }

    public DashboardHost Host { get; }

    public RefreshConfig Config { get; }

    public string Folder { get; }

    public HttpClient Client { get; }

    public IReadOnlyList<string> Seen => _seen;

    public string AuditLog => File.Exists(Host.AuditLogPath) ? File.ReadAllText(Host.AuditLogPath) : "";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A SQLite pair with <paramref name="tables"/> (1000 rows in production, none in UAT); a table named inc_… is configured incremental on id.</summary>
    public static Task<DashboardSite> StartAsync(params string[] tables) => StartAsync(showProductionRows: false, tables);

    /// <summary>As <see cref="StartAsync(string[])"/>, with dashboard.show_production_rows set.</summary>
    public static async Task<DashboardSite> StartAsync(bool showProductionRows, params string[] tables)
    {
        var dir = new TempDir();
        foreach (var (file, rows) in new[] { ("prod.db", 1000), ("uat.db", 0) })
        {
            await using var connection = new SqliteConnection($"Data Source={Path.Combine(dir.Path, file)};Pooling=False");
            await connection.OpenAsync(Token);
            foreach (var table in tables)
            {
                await using var command = connection.CreateCommand();
                var quoted = "\"" + table.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
                command.CommandText = $"CREATE TABLE {quoted} (id integer PRIMARY KEY, amount real); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {rows}) INSERT INTO {quoted} SELECT i, i * 1.5 FROM n WHERE {rows} > 0;";
                await command.ExecuteNonQueryAsync(Token);
            }
        }

        var names = string.Join("", tables.Select(t => $"  - name: '{Configured(t).Replace("'", "''", StringComparison.Ordinal)}'\n"
            + (t.StartsWith("inc_", StringComparison.Ordinal) ? "    sync_mode: incremental\n    incremental_column: id\n    incremental_type: identity\n" : "")));
        var yaml = $"""
            databases:
              source: {"{"}engine: sqlite, database: prod.db{"}"}
              target: {"{"}engine: sqlite, database: uat.db{"}"}
            tables:
            {names}dashboard:
              listen: "http://127.0.0.1:0"
              users_file: users.json
              show_production_rows: {(showProductionRows ? "true" : "false")}
              roles:
                operators: [alice]
                viewers: [bob]
            """;
        var path = dir.Write("refresh.yaml", yaml);
        var config = ConfigLoader.Load([path], _ => null);
        foreach (var user in new[] { "alice", "bob", "carol" })
        {
            UsersFile.Set(config.Dashboard!.UsersFile!, user, Canary);
        }

        var host = await DashboardHost.StartAsync(config, null, Token);
        return new DashboardSite(host, config, dir);
    }

    /// <summary>A dashboard over <paramref name="config"/>'s databases (a PostgreSQL pair, say), with the same accounts and roles.</summary>
    public static async Task<DashboardSite> StartAsync(RefreshConfig config, bool showProductionRows = false)
    {
        var dir = new TempDir();
        var users = Path.Combine(dir.Path, "users.json");
        config = config with
        {
            Dashboard = new DashboardConfig { Listen = new Uri("http://127.0.0.1:0"), UsersFile = users, Operators = ["alice"], Viewers = ["bob"], ShowProductionRows = showProductionRows },
        };
        foreach (var user in new[] { "alice", "bob", "carol" })
        {
            UsersFile.Set(users, user, Canary);
        }

        var host = await DashboardHost.StartAsync(config, null, Token);
        return new DashboardSite(host, config, dir);
    }

    /// <summary>The name as configured: plain names as they are, others quoted.</summary>
    public static string Configured(string table) => table.All(c => char.IsAsciiLetterLower(c) || c == '_') ? table : "\"" + table + "\"";

    public static AuthenticationHeaderValue Basic(string user, string password = Canary) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? user = null, object? json = null, string? csrf = null, string? cookie = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (user is not null)
        {
            request.Headers.Authorization = Basic(user);
        }

        if (csrf is not null)
        {
            request.Headers.Add("X-CSRF-Token", csrf);
        }

        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        if (json is not null)
        {
            request.Content = JsonContent.Create(json);
        }

        var response = await Client.SendAsync(request, Token);
        await KeepAsync(response);
        return response;
    }

    public Task<HttpResponseMessage> GetAsync(string path, string? user = "alice") => SendAsync(HttpMethod.Get, path, user);

    public async Task<JsonElement> JsonAsync(string path, string user = "alice")
    {
        using var response = await GetAsync(path, user);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement.Clone();
    }

    public async Task<string> CsrfAsync(string user = "alice") => (await JsonAsync("/api/session", user)).GetProperty("csrfToken").GetString()!;

    /// <summary>Trigger a refresh as alice and wait for the run to end (through the host's run list: no timing).</summary>
    public async Task<(string RunId, IReadOnlyList<RefreshResult> Results)> RefreshAsync(params string[] tables)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/refresh", "alice", new { tables }, await CsrfAsync());
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        var runId = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement.GetProperty("runId").GetString()!;
        var run = Host.Recent.First(r => r.RunId == runId);
        return (runId, await run.Completion);
    }

    public async Task KeepAsync(HttpResponseMessage response)
    {
        var text = new StringBuilder();
        foreach (var header in response.Headers.Concat(response.Content.Headers))
        {
            text.Append(header.Key).Append(": ").AppendJoin(", ", header.Value).Append('\n');
        }

        if (response.Content.Headers.ContentType?.MediaType != "text/event-stream")
        {
            text.Append(await response.Content.ReadAsStringAsync(Token));
        }

        lock (_seen)
        {
            _seen.Add(text.ToString());
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
        _dir.Dispose();
    }
}
