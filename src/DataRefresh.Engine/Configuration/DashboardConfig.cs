using System.Net;

namespace DataRefresh.Configuration;

/// <summary>How the dashboard's users sign in.</summary>
public enum DashboardAuthentication
{
    /// <summary>Local accounts from users_file: HTTP Basic and the sign-in form.</summary>
    Local,

    /// <summary>Windows/Kerberos (SPNEGO, HTTP <c>WWW-Authenticate: Negotiate</c>): SSPI on Windows, GSSAPI with a keytab elsewhere.</summary>
    Negotiate,
}

/// <summary>The <c>dashboard:</c> section: where Start-RefreshDashboard listens and who may use it. Holds no secrets.</summary>
public sealed record DashboardConfig
{
    public const string DefaultListen = "http://127.0.0.1:8080";

    /// <summary>The environment variable holding the .pfx certificate's password.</summary>
    public const string CertificatePasswordVariable = "DATAREFRESH_DASHBOARD_CERT_PASSWORD";

    public Uri Listen { get; init; } = new(DefaultListen);

    /// <summary>Full path of the .pfx file (required for https).</summary>
    public string? CertificatePath { get; init; }

    public IReadOnlyList<DashboardAuthentication> Authentication { get; init; } = [DashboardAuthentication.Local];

    /// <summary>
    /// Full path of the keytab holding the service's key (HTTP/host@REALM) for Negotiate on Linux and macOS; null:
    /// the KRB5_KTNAME environment variable, else the system keytab. Not used on Windows (the service account's SPN).
    /// </summary>
    public string? KerberosKeytab { get; init; }

    /// <summary>Full path of the local accounts file (names and salted hashes only), written by Set-RefreshDashboardUser.</summary>
    public string? UsersFile { get; init; }

    /// <summary>May trigger refreshes (and read everything): user names, or (Negotiate on Windows) group names or SIDs.</summary>
    public IReadOnlyList<string> Operators { get; init; } = [];

    /// <summary>Read only: user names, or (Negotiate on Windows) group names or SIDs.</summary>
    public IReadOnlyList<string> Viewers { get; init; } = [];

    /// <summary>show_production_rows: operators may preview production's rows beside UAT's on the table page (default false).</summary>
    public bool ShowProductionRows { get; init; }

    public bool IsHttps => Listen.Scheme == Uri.UriSchemeHttps;

    /// <summary>Whether a listen host is a loopback address (127.0.0.0/8, ::1, localhost): the only place plain HTTP is allowed.</summary>
    public static bool IsLoopback(string host)
    {
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
    }
}

/// <summary>Reads and checks the <c>dashboard:</c> section.</summary>
public static partial class ConfigLoader
{
    private static readonly string[] DashboardKeys = ["listen", "certificate", "authentication", "users_file", "kerberos_keytab", "roles", "show_production_rows"];
    private static readonly Dictionary<string, DashboardAuthentication> DashboardAuths = new() { ["local"] = DashboardAuthentication.Local, ["negotiate"] = DashboardAuthentication.Negotiate };

    private static DashboardConfig? BindDashboard(MappingNode root, ConfigReader r)
    {
        const string path = "dashboard";
        if (root.Find(path) is null)
        {
            return null;
        }

        var map = r.Map(root, path, "", required: false);
        if (map is null)
        {
            return null;
        }

        r.CheckKeys(map, path, DashboardKeys);
        var listen = new Uri(DashboardConfig.DefaultListen);
        if (r.String(map, "listen", path) is { } listenText)
        {
            var at = map.Find("listen")!.Value.Location;
            if (!Uri.TryCreate(listenText.Trim(), UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps))
            {
                r.Error(at, "dashboard.listen", $"'{listenText}' is not an http:// or https:// address such as {DashboardConfig.DefaultListen}");
            }
            else if (parsed.AbsolutePath != "/" || parsed.Query.Length > 0)
            {
                r.Error(at, "dashboard.listen", "names a scheme, host and port only (no path)");
            }
            else if (parsed.Scheme == Uri.UriSchemeHttp && !DashboardConfig.IsLoopback(parsed.Host))
            {
                r.Error(at, "dashboard.listen", $"plain HTTP is allowed only on loopback (127.0.0.1, ::1, localhost), not on {parsed.Host}: sign-ins would cross the network in clear; use https:// with a certificate");
            }
            else
            {
                listen = parsed;
            }
        }

        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(map.Location.File)) ?? ".";
        string? certificate = null;
        if (r.String(map, "certificate", path) is { } certText)
        {
            var at = map.Find("certificate")!.Value.Location;
            certificate = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(at.File)) ?? baseDirectory, certText));
            if (!File.Exists(certificate))
            {
                r.Error(at, "dashboard.certificate", $"the certificate file {certificate} does not exist (a .pfx; its password comes from {DashboardConfig.CertificatePasswordVariable})");
            }
            else if (listen.Scheme == Uri.UriSchemeHttp)
            {
                r.Error(at, "dashboard.certificate", "is used only with an https:// listen address");
            }
        }
        else if (listen.Scheme == Uri.UriSchemeHttps)
        {
            r.Error(map.Location, "dashboard.certificate", $"listen: {listen} needs certificate: a .pfx file (its password in {DashboardConfig.CertificatePasswordVariable})");
        }

        var auth = new List<DashboardAuthentication>();
        if (map.Find("authentication") is { } authEntry)
        {
            var items = authEntry.Value switch
            {
                SequenceNode s => s.Items,
                ScalarNode s => [s],
                _ => [],
            };
            foreach (var item in items)
            {
                if (item is ScalarNode { Value: { } v } && DashboardAuths.TryGetValue(v.Trim().ToLowerInvariant(), out var kind))
                {
                    if (!auth.Contains(kind))
                    {
                        auth.Add(kind);
                    }
                }
                else
                {
                    r.Error(item.Location, "dashboard.authentication", $"expected a list of: {string.Join(", ", DashboardAuths.Keys)}");
                }
            }

            if (items.Count == 0)
            {
                r.Error(authEntry.Value.Location, "dashboard.authentication", "names no way to sign in; use [local], [negotiate] or both");
            }
        }
        else
        {
            auth.Add(DashboardAuthentication.Local);
        }

        string? usersFile = null;
        if (r.String(map, "users_file", path) is { } usersText)
        {
            var at = map.Find("users_file")!.Value.Location;
            usersFile = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(at.File)) ?? baseDirectory, usersText));
        }
        else if (auth.Contains(DashboardAuthentication.Local))
        {
            r.Error(map.Location, "dashboard.users_file", "authentication: local needs users_file (written by Set-RefreshDashboardUser)");
        }

        string? keytab = null;
        if (r.String(map, "kerberos_keytab", path) is { } keytabText)
        {
            var at = map.Find("kerberos_keytab")!.Value.Location;
            keytab = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(at.File)) ?? baseDirectory, keytabText));
            if (!auth.Contains(DashboardAuthentication.Negotiate))
            {
                r.Error(at, "dashboard.kerberos_keytab", "is used only with authentication: [negotiate] (Windows/Kerberos sign-in)");
            }
            else if (OperatingSystem.IsWindows())
            {
                r.Error(at, "dashboard.kerberos_keytab", "is for Linux and macOS: on Windows, Negotiate uses the key of the account pwsh runs as (register its SPN with setspn -S HTTP/<host> <account>); remove this key");
            }
            else if (!File.Exists(keytab))
            {
                r.Error(at, "dashboard.kerberos_keytab", $"the keytab {keytab} does not exist (export the HTTP/<host> service key to it with ktutil or kadmin ktadd)");
            }
        }

        List<string> operators = [], viewers = [];
        var roles = r.Map(map, "roles", path, required: true);
        if (roles is not null)
        {
            r.CheckKeys(roles, "dashboard.roles", ["operators", "viewers"]);
            operators = Names(roles, "operators", r);
            viewers = Names(roles, "viewers", r);
            if (operators.Count + viewers.Count == 0)
            {
                r.Error(roles.Location, "dashboard.roles", "names no one: list users under operators (may trigger refreshes) or viewers (read only)");
            }
        }

        var showProduction = r.Boolean(map, "show_production_rows", path) ?? false;
        return new DashboardConfig { Listen = listen, CertificatePath = certificate, Authentication = auth, UsersFile = usersFile, KerberosKeytab = keytab, Operators = operators, Viewers = viewers, ShowProductionRows = showProduction };
    }

    private static List<string> Names(MappingNode roles, string key, ConfigReader r)
    {
        var names = new List<string>();
        if (roles.Find(key) is not { } entry || entry.Value is ScalarNode { IsNull: true })
        {
            return names;
        }

        if (entry.Value is not SequenceNode list)
        {
            r.Error(entry.Value.Location, $"dashboard.roles.{key}", "must be a list of user names, such as ['alice', 'bob']");
            return names;
        }

        foreach (var item in list.Items)
        {
            if (item is ScalarNode { Value: { } v } && v.Trim().Length > 0)
            {
                names.Add(v.Trim());
            }
            else
            {
                r.Error(item.Location, $"dashboard.roles.{key}", "must be a list of user names");
            }
        }

        return names;
    }
}
