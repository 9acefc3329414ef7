using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DataRefresh.Tests.Support;

/// <summary>
/// A throwaway MIT Kerberos realm (DATAREFRESH.TEST) in a temporary folder: its own krb5.conf and kdc.conf, a KDC
/// database made by kdb5_util, principals and keytabs made by kadmin.local, krb5kdc on a free loopback port, and a
/// ticket cache per user (kinit from the user's keytab). Client programs get the realm through <see cref="Environment"/>;
/// nothing outside the folder is touched. <see cref="MissingReason"/> says exactly what is absent when the krb5
/// programs (Debian: krb5-kdc, krb5-admin-server, krb5-user) or a curl with SPNEGO are not installed.
/// </summary>
public sealed class KerberosRealm : IDisposable
{
    public const string Name = "DATAREFRESH.TEST";

    /// <summary>The service principal's host: clients ask for HTTP/localhost@DATAREFRESH.TEST.</summary>
    public const string Host = "localhost";

    private static readonly string[] SearchPath = [.. (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator), "/usr/sbin", "/usr/local/sbin", "/sbin"];
    private readonly TempDir _dir = new();
    private readonly Process _kdc;

    private KerberosRealm(IReadOnlyList<string> users)
    {
        Folder = _dir.Path;
        var port = FreePort();
        File.WriteAllText(Path.Combine(Folder, "krb5.conf"), $$"""
            [libdefaults]
              default_realm = {{Name}}
              dns_lookup_kdc = false
              dns_lookup_realm = false
              dns_canonicalize_hostname = false
              rdns = false
              udp_preference_limit = 1
            [realms]
              {{Name}} = {
                kdc = 127.0.0.1:{{port}}
              }
            [domain_realm]
              {{Host}} = {{Name}}
            """);
        File.WriteAllText(Path.Combine(Folder, "kdc.conf"), $$"""
            [kdcdefaults]
              kdc_listen = 127.0.0.1:{{port}}
              kdc_tcp_listen = 127.0.0.1:{{port}}
            [realms]
              {{Name}} = {
                database_name = {{Path.Combine(Folder, "principal")}}
                key_stash_file = {{Path.Combine(Folder, "stash")}}
                acl_file = {{Path.Combine(Folder, "kadm5.acl")}}
              }
            [logging]
              kdc = FILE:{{Path.Combine(Folder, "kdc.log")}}
            """);
        Environment = new Dictionary<string, string>
        {
            ["KRB5_CONFIG"] = Path.Combine(Folder, "krb5.conf"),
            ["KRB5_KDC_PROFILE"] = Path.Combine(Folder, "kdc.conf"),
            ["KRB5CCNAME"] = "FILE:" + Path.Combine(Folder, "nobody.ccache"),
        };

        Run("kdb5_util", "-r", Name, "create", "-s", "-P", "throwaway-master-key");
        ServiceKeytab = Path.Combine(Folder, "http.keytab");
        AddPrincipal($"HTTP/{Host}", ServiceKeytab);
        foreach (var user in users)
        {
            AddPrincipal(user, Path.Combine(Folder, user + ".keytab"));
        }

        _kdc = Start(Tool("krb5kdc"), ["-n"]);
        WaitForPort(port);
        foreach (var user in users)
        {
            Run("kinit", "-k", "-t", Path.Combine(Folder, user + ".keytab"), "-c", CacheOf(user), user);
        }
    }

    public string Folder { get; }

    /// <summary>The keytab with HTTP/localhost's keys: the dashboard's kerberos_keytab.</summary>
    public string ServiceKeytab { get; }

    /// <summary>KRB5_CONFIG, KRB5_KDC_PROFILE, and a KRB5CCNAME holding no ticket.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>Null when the realm can be made here; else what is missing.</summary>
    public static string? MissingReason()
    {
        var missing = new[] { "krb5kdc", "kdb5_util", "kadmin.local", "kinit", "curl" }.Where(t => Find(t) is null).ToList();
        if (missing.Count > 0)
        {
            return $"no throwaway Kerberos realm: {string.Join(", ", missing)} not found on PATH or in /usr/sbin (Debian: apt-get install krb5-kdc krb5-admin-server krb5-user curl)";
        }

        var (code, output) = Capture(Find("curl")!, ["-V"], null);
        return code == 0 && output.Contains("SPNEGO", StringComparison.Ordinal)
            ? null
            : "no throwaway Kerberos realm: this curl has no SPNEGO (curl -V lists no SPNEGO feature), so it cannot sign in with a ticket";
    }

    public static KerberosRealm Create(params string[] users) => new(users);

    /// <summary>The principal of a user of this realm, as a server names it after sign-in.</summary>
    public static string Principal(string user) => $"{user}@{Name}";

    public string CacheOf(string user) => "FILE:" + Path.Combine(Folder, user + ".ccache");

    /// <summary>
    /// <c>curl --negotiate -u :</c> as <paramref name="user"/> (their ticket cache; null: no ticket). The final status,
    /// every response header curl saw (the 401 legs too) and the final body.
    /// </summary>
    public (int Status, string Headers, string Body) Curl(string? user, string url, string method = "GET", IReadOnlyDictionary<string, string>? headers = null, string? json = null)
    {
        var id = Guid.NewGuid().ToString("N");
        var headerFile = Path.Combine(Folder, id + ".headers");
        var bodyFile = Path.Combine(Folder, id + ".body");
        var args = new List<string> { "-s", "--noproxy", "*", "--negotiate", "-u", ":", "-X", method, "-D", headerFile, "-o", bodyFile, "-w", "%{http_code}" };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            args.AddRange(["-H", $"{name}: {value}"]);
        }

        if (json is not null)
        {
            args.AddRange(["-H", "Content-Type: application/json", "--data-binary", json]);
        }

        args.Add(url);
        var env = new Dictionary<string, string>(Environment);
        if (user is not null)
        {
            env["KRB5CCNAME"] = CacheOf(user);
        }

        var (code, output) = Capture(Find("curl")!, args, env);
        if (code != 0)
        {
            throw new InvalidOperationException($"curl exited {code}: {output}");
        }

        return (int.Parse(output.Trim(), System.Globalization.CultureInfo.InvariantCulture), File.ReadAllText(headerFile), File.Exists(bodyFile) ? File.ReadAllText(bodyFile) : "");
    }

    public string KdcLog => File.Exists(Path.Combine(Folder, "kdc.log")) ? File.ReadAllText(Path.Combine(Folder, "kdc.log")) : "";

    public void Dispose()
    {
        try
        {
            if (!_kdc.HasExited)
            {
                _kdc.Kill();
                _kdc.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
        }

        _kdc.Dispose();
        _dir.Dispose();
    }

    private void AddPrincipal(string principal, string keytab)
    {
        Run("kadmin.local", "-r", Name, "-q", $"addprinc -randkey {principal}");
        Run("kadmin.local", "-r", Name, "-q", $"ktadd -k {keytab} {principal}");
    }

    private void Run(string tool, params string[] args)
    {
        var (code, output) = Capture(Tool(tool), args, Environment);
        if (code != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', args)} exited {code}: {output}\n{KdcLog}");
        }
    }

    private static string Tool(string name) => Find(name) ?? throw new InvalidOperationException($"{name} not found");

    private static string? Find(string name) => SearchPath.Where(d => d.Length > 0).Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    private Process Start(string file, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in Environment)
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static (int Code, string Output) Capture(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string>? env)
    {
        var info = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in env ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.GetAwaiter().GetResult());
    }

    private void WaitForPort(int port)
    {
        // Readiness, not timing: the KDC listens once its database is open; give up after a generous bound.
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (_kdc.HasExited)
            {
                throw new InvalidOperationException($"krb5kdc exited {_kdc.ExitCode}: {KdcLog}");
            }

            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        throw new InvalidOperationException($"krb5kdc did not listen on 127.0.0.1:{port}: {KdcLog}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
