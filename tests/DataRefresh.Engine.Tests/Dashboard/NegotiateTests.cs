using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DataRefresh.Configuration;
using DataRefresh.Dashboard;
using DataRefresh.Tests.Support;
using Microsoft.Data.Sqlite;

namespace DataRefresh.Tests.Dashboard;

/// <summary>
/// A real dashboard with <c>authentication: [negotiate, local]</c> and a throwaway MIT Kerberos realm: alice
/// (operator), bob (viewer) and carol (no role) hold tickets and sign in with <c>curl --negotiate</c>; dave is a
/// local account (viewer). The dashboard reads HTTP/localhost's key from the realm's keytab (kerberos_keytab).
/// </summary>
public sealed class NegotiateFixture : IAsyncLifetime
{
    public const string Password = "local-Pa55-negotiate";

    private TempDir? _dir;

    public string? SkipReason { get; private set; }

    public KerberosRealm Realm { get; private set; } = null!;

    public DashboardHost Host { get; private set; } = null!;

    public string AuditLog => File.Exists(Host.AuditLogPath) ? File.ReadAllText(Host.AuditLogPath) : "";

    public async ValueTask InitializeAsync()
    {
        SkipReason = KerberosRealm.MissingReason();
        if (SkipReason is not null)
        {
            return;
        }

        Realm = KerberosRealm.Create("alice", "bob", "carol");
        _dir = new TempDir();
        foreach (var (file, rows) in new[] { ("prod.db", 10), ("uat.db", 0) })
        {
            await using var connection = new SqliteConnection($"Data Source={Path.Combine(_dir.Path, file)};Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"CREATE TABLE orders (id integer PRIMARY KEY, amount real); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {rows}) INSERT INTO orders SELECT i, i * 1.5 FROM n WHERE {rows} > 0;";
            await command.ExecuteNonQueryAsync();
        }

        var path = _dir.Write("refresh.yaml", $"""
            databases:
              source: {"{"}engine: sqlite, database: prod.db{"}"}
              target: {"{"}engine: sqlite, database: uat.db{"}"}
            tables:
              - name: orders
            dashboard:
              listen: "http://{KerberosRealm.Host}:0"
              authentication: [negotiate, local]
              kerberos_keytab: '{Realm.ServiceKeytab}'
              users_file: users.json
              roles:
                operators: ['{KerberosRealm.Principal("alice")}']
                viewers: ['{KerberosRealm.Principal("bob")}', dave]
            """);
        var config = ConfigLoader.Load([path], _ => null);
        UsersFile.Set(config.Dashboard!.UsersFile!, "dave", Password);

        // A local account wearing a Kerberos name must not get that principal's role.
        UsersFile.Set(config.Dashboard.UsersFile!, KerberosRealm.Principal("alice"), Password);
        Host = await DashboardHost.StartAsync(config);
    }

    public async ValueTask DisposeAsync()
    {
        if (SkipReason is null)
        {
            await Host.DisposeAsync();
            Realm.Dispose();
        }

        _dir?.Dispose();
    }
}

[Trait("Category", "Kerberos")]
[Collection(NegotiateDefinition.Name)]
public sealed class NegotiateTests(NegotiateFixture site) : IClassFixture<NegotiateFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string Url(string path)
    {
        Assert.SkipWhen(site.SkipReason is not null, site.SkipReason ?? "");
        return site.Host.Url + path;
    }

    [Fact]
    public void An_operator_signs_in_with_her_kerberos_ticket()
    {
        var (status, headers, body) = site.Realm.Curl("alice", Url("/api/session"));
        Assert.True(status == 200, $"{status}: {headers}{body}");
        var session = JsonDocument.Parse(body).RootElement;
        Assert.Equal(KerberosRealm.Principal("alice"), session.GetProperty("user").GetString());
        Assert.Equal(["operator", "viewer"], session.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.NotEmpty(session.GetProperty("csrfToken").GetString()!);

        // curl sends its token at once (it holds a ticket); the answer carries the server's final token (mutual authentication).
        Assert.StartsWith("HTTP/1.1 200", headers, StringComparison.Ordinal);
        Assert.Matches(@"(?im)^WWW-Authenticate: Negotiate [A-Za-z0-9+/=]+\r$", headers);
    }

    [Fact]
    public void An_operator_signed_in_by_negotiate_triggers_a_refresh_with_her_csrf_token()
    {
        var (_, _, body) = site.Realm.Curl("alice", Url("/api/session"));
        var csrf = JsonDocument.Parse(body).RootElement.GetProperty("csrfToken").GetString()!;

        var refused = site.Realm.Curl("alice", Url("/api/refresh"), "POST", json: """{"tables":["orders"]}""");
        Assert.Equal(403, refused.Status);

        var (status, headers, started) = site.Realm.Curl("alice", Url("/api/refresh"), "POST", new Dictionary<string, string> { [DashboardAuth.CsrfHeader] = csrf }, """{"tables":["orders"]}""");
        Assert.True(status == 202, $"{status}: {headers}{started}");
        var runId = JsonDocument.Parse(started).RootElement.GetProperty("runId").GetString()!;
        Assert.Contains(site.Host.Recent, r => r.RunId == runId);
        Assert.Contains($"\"user\":\"{KerberosRealm.Principal("alice")}\"", site.AuditLog, StringComparison.Ordinal);
    }

    [Fact]
    public void A_viewer_signed_in_by_negotiate_reads_but_may_not_trigger()
    {
        var (status, _, body) = site.Realm.Curl("bob", Url("/api/session"));
        Assert.Equal(200, status);
        var session = JsonDocument.Parse(body).RootElement;
        Assert.Equal(KerberosRealm.Principal("bob"), session.GetProperty("user").GetString());
        Assert.Equal(["viewer"], session.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        var csrf = session.GetProperty("csrfToken").GetString()!;
        var trigger = site.Realm.Curl("bob", Url("/api/refresh"), "POST", new Dictionary<string, string> { [DashboardAuth.CsrfHeader] = csrf }, """{"tables":["orders"]}""");
        Assert.Equal(403, trigger.Status);
    }

    [Fact]
    public void A_user_with_a_ticket_but_no_role_is_refused_403_and_audited()
    {
        var (status, _, body) = site.Realm.Curl("carol", Url("/api/session"));
        Assert.Equal(403, status);
        Assert.Contains("no dashboard role", body, StringComparison.Ordinal);
        Assert.Contains("\"refused-no-role\"", site.AuditLog, StringComparison.Ordinal);
        Assert.Contains(KerberosRealm.Principal("carol"), site.AuditLog, StringComparison.Ordinal);
    }

    [Fact]
    public void A_client_without_a_ticket_gets_401_with_both_challenges()
    {
        var (status, headers, body) = site.Realm.Curl(null, Url("/api/session"));
        Assert.Equal(401, status);
        Assert.Contains("WWW-Authenticate: Negotiate\r\n", headers, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("WWW-Authenticate: Basic realm=\"DataRefresh\"", headers, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Negotiate", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_browser_without_a_ticket_is_challenged_and_shown_the_way_to_the_form()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
        using var response = await client.GetAsync(Url("/"), Token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(["Negotiate", "Basic"], response.Headers.WwwAuthenticate.Select(h => h.Scheme));
        Assert.Contains("href=\"/signin\"", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("YIIBMzCCAS+gDTALBgkqhkiG9xIBAgKhBAMCAfaiggEWBIIBEmJvZ3Vz")]
    [InlineData("not base64 at all!")]
    [InlineData("")]
    public async Task A_bad_negotiate_token_gets_401_says_nothing_of_why_and_is_audited(string token)
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, Url("/api/session"));
        request.Headers.TryAddWithoutValidation("Authorization", ("Negotiate " + token).Trim());
        var before = site.AuditLog.Length;
        using var response = await client.SendAsync(request, Token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(["Negotiate", "Basic"], response.Headers.WwwAuthenticate.Select(h => h.Scheme));
        var body = await response.Content.ReadAsStringAsync(Token);
        foreach (var word in new[] { "gss", "krb", "Kerberos error", "Exception", "InvalidToken", "GenericFailure", "keytab", site.Realm.Folder })
        {
            Assert.DoesNotContain(word, body, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("\"negotiate-failed\"", site.AuditLog[before..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Local_accounts_still_sign_in_with_basic_but_not_under_a_kerberos_name()
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false });
        async Task<HttpStatusCode> AsAsync(string user)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Url("/api/session"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{NegotiateFixture.Password}")));
            using var response = await client.SendAsync(request, Token);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await AsAsync("dave"));
        Assert.Equal(HttpStatusCode.Unauthorized, await AsAsync(KerberosRealm.Principal("alice")));
    }

    [Fact]
    public async Task The_dashboard_serves_http_1_1_only_when_negotiate_is_on()
    {
        using var client = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(Url("/healthz"), Token));
    }
}

/// <summary>Runs alone: starting the dashboard sets KRB5_KTNAME in the C environment, which the whole process shares.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NegotiateDefinition
{
    public const string Name = "negotiate";
}
