using DataRefresh.Configuration;
using DataRefresh.Tests.Config;

namespace DataRefresh.Tests.Dashboard;

/// <summary>The dashboard: section is validated like the rest: every problem with its file, line and key.</summary>
public sealed class DashboardConfigTests
{
    private const string Dbs = """
        databases:
          source: {engine: sqlite, database: prod.db}
          target: {engine: sqlite, database: uat.db}
        tables:
          - name: orders
        """;

    private const string Roles = "\n  users_file: users.json\n  roles:\n    operators: [alice]\n";

    [Fact]
    public void A_dashboard_section_loads_with_defaults_and_paths_beside_the_file()
    {
        using var files = new ConfigFiles();
        var config = ConfigFiles.Load(null, files.Write("refresh.yaml", Dbs + "\ndashboard:" + Roles + "    viewers: [bob, 'CONTOSO\\QA']\n"));
        var dashboard = Assert.IsType<DashboardConfig>(config.Dashboard);
        Assert.Equal(new Uri("http://127.0.0.1:8080"), dashboard.Listen);
        Assert.Equal([DashboardAuthentication.Local], dashboard.Authentication);
        Assert.Equal(Path.Combine(files.Folder, "users.json"), dashboard.UsersFile);
        Assert.Equal(["alice"], dashboard.Operators);
        Assert.Equal(["bob", "CONTOSO\\QA"], dashboard.Viewers);
        Assert.False(dashboard.ShowProductionRows);
    }

    [Fact]
    public void Show_production_rows_is_a_boolean_checked_with_its_file_line_and_key()
    {
        using var files = new ConfigFiles();
        Assert.True(ConfigFiles.Load(null, files.Write("refresh.yaml", Dbs + "\ndashboard:\n  show_production_rows: true" + Roles)).Dashboard!.ShowProductionRows);
        var path = files.Write("bad.yaml", Dbs + "\ndashboard:\n  show_production_rows: sometimes" + Roles);
        var error = Assert.Single(ConfigFiles.Fail(null, path).Errors);
        Assert.Equal("dashboard.show_production_rows", error.Key);
        Assert.Contains("must be true or false", error.Message, StringComparison.Ordinal);
        Assert.Equal(7, error.Location?.Line);
    }

    [Fact]
    public void A_configuration_without_the_section_has_no_dashboard()
    {
        using var files = new ConfigFiles();
        Assert.Null(ConfigFiles.Load(null, files.Write("refresh.yaml", Dbs)).Dashboard);
    }

    [Theory]
    [InlineData("http://0.0.0.0:8080", "dashboard.listen", "plain HTTP is allowed only on loopback")]
    [InlineData("http://10.1.2.3:8080", "dashboard.listen", "plain HTTP is allowed only on loopback")]
    [InlineData("http://uat-web.contoso.com", "dashboard.listen", "plain HTTP is allowed only on loopback")]
    [InlineData("https://0.0.0.0:8443", "dashboard.certificate", "needs certificate")]
    [InlineData("ftp://127.0.0.1", "dashboard.listen", "is not an http:// or https:// address")]
    public void Plain_http_off_loopback_and_https_without_a_certificate_are_refused_at_config_load(string listen, string key, string message)
    {
        using var files = new ConfigFiles();
        var path = files.Write("refresh.yaml", Dbs + $"\ndashboard:\n  listen: \"{listen}\"" + Roles);
        var error = Assert.Single(ConfigFiles.Fail(null, path).Errors);
        Assert.Equal(key, error.Key);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(path, error.Location?.File);
        Assert.True(error.Location?.Line >= 6);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9000")]
    [InlineData("http://localhost:9000")]
    [InlineData("http://[::1]:9000")]
    public void Plain_http_on_loopback_is_allowed(string listen)
    {
        using var files = new ConfigFiles();
        var config = ConfigFiles.Load(null, files.Write("refresh.yaml", Dbs + $"\ndashboard:\n  listen: \"{listen}\"" + Roles));
        Assert.Equal(9000, config.Dashboard!.Listen.Port);
    }

    [Theory]
    [InlineData("  authentication: []\n", "dashboard.authentication", "names no way to sign in")]
    [InlineData("  kerberos_keytab: http.keytab\n", "dashboard.kerberos_keytab", "is used only with authentication: [negotiate]")]
    [InlineData("  authentication: [ldap]\n", "dashboard.authentication", "expected a list of: local, negotiate")]
    [InlineData("  listn: x\n", "dashboard.listn", "did you mean 'listen'")]
    [InlineData("  password: hunter2\n", "dashboard.password", "credentials are never read from configuration files")]
    public void Bad_dashboard_keys_are_reported_with_their_key(string line, string key, string message)
    {
        using var files = new ConfigFiles();
        var path = files.Write("refresh.yaml", Dbs + "\ndashboard:\n" + line + Roles.TrimStart('\n'));
        var error = Assert.Single(ConfigFiles.Fail(null, path).Errors);
        Assert.Equal(key, error.Key);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(7, error.Location?.Line);
        Assert.DoesNotContain("hunter2", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Local_accounts_need_a_users_file_and_someone_in_a_role()
    {
        using var files = new ConfigFiles();
        var errors = ConfigFiles.Fail(null, files.Write("refresh.yaml", Dbs + "\ndashboard:\n  roles:\n    operators: []\n")).Errors;
        Assert.Equal(["dashboard.roles", "dashboard.users_file"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_https_listen_takes_a_pfx_that_exists()
    {
        using var files = new ConfigFiles();
        var path = files.Write("refresh.yaml", Dbs + "\ndashboard:\n  listen: \"https://0.0.0.0:8443\"\n  certificate: missing.pfx" + Roles);
        var error = Assert.Single(ConfigFiles.Fail(null, path).Errors);
        Assert.Equal("dashboard.certificate", error.Key);
        Assert.Contains(DashboardConfig.CertificatePasswordVariable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Negotiate_loads_with_a_keytab_beside_the_file_and_needs_no_users_file()
    {
        using var files = new ConfigFiles();
        files.Write("http.keytab", "not read at load");
        var config = ConfigFiles.Load(null, files.Write("refresh.yaml", Dbs + "\ndashboard:\n  authentication: [negotiate]\n  kerberos_keytab: http.keytab\n  roles:\n    operators: ['alice@EXAMPLE.COM', 'CONTOSO\\DBA Team']\n"));
        var dashboard = config.Dashboard!;
        Assert.Equal([DashboardAuthentication.Negotiate], dashboard.Authentication);
        Assert.Null(dashboard.UsersFile);
        Assert.Equal(Path.Combine(files.Folder, "http.keytab"), dashboard.KerberosKeytab);
        Assert.Equal(["alice@EXAMPLE.COM", "CONTOSO\\DBA Team"], dashboard.Operators);
    }

    [Fact]
    public void Negotiate_and_local_load_together_in_the_order_given()
    {
        using var files = new ConfigFiles();
        var config = ConfigFiles.Load(null, files.Write("refresh.yaml", Dbs + "\ndashboard:\n  authentication: [negotiate, local]" + Roles));
        Assert.Equal([DashboardAuthentication.Negotiate, DashboardAuthentication.Local], config.Dashboard!.Authentication);
        Assert.Null(config.Dashboard.KerberosKeytab);
    }

    [Fact]
    public void A_keytab_that_does_not_exist_is_reported_with_its_line()
    {
        using var files = new ConfigFiles();
        var path = files.Write("refresh.yaml", Dbs + "\ndashboard:\n  authentication: [negotiate]\n  kerberos_keytab: missing.keytab\n  roles:\n    operators: [alice]\n");
        var error = Assert.Single(ConfigFiles.Fail(null, path).Errors);
        Assert.Equal("dashboard.kerberos_keytab", error.Key);
        Assert.Equal(8, error.Location?.Line);
        Assert.Contains(OperatingSystem.IsWindows() ? "is for Linux and macOS" : Path.Combine(files.Folder, "missing.keytab"), error.Message, StringComparison.Ordinal);
    }
}
