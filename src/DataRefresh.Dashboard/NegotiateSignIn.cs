using System.ComponentModel;
using System.Net.Security;
using System.Runtime.InteropServices;
using System.Security.Principal;
using DataRefresh.Configuration;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace DataRefresh.Dashboard;

/// <summary>Who a Negotiate exchange proved the client to be: the name as the KDC or domain gives it, and its groups (Windows only).</summary>
internal sealed record NegotiateIdentity(string Name, IReadOnlyList<string> Groups);

/// <summary>
/// Windows/Kerberos sign-in (SPNEGO over HTTP, RFC 4559) on .NET's <see cref="NegotiateAuthentication"/>: SSPI on
/// Windows, GSSAPI with a keytab elsewhere. The exchange may take several legs (NTLM does), and each leg arrives as a
/// new request on the same connection, so the unfinished exchange is kept in the connection's items and disposed
/// with the connection; that is why the dashboard serves HTTP/1.1 only when Negotiate is on. Kerberos proves the
/// user on every request (nothing is remembered once the exchange completes); an NTLM sign-in holds for its
/// connection, as browsers expect. A failed exchange is audited with its status only; the client is told no more
/// than to sign in again.
/// </summary>
internal sealed class NegotiateSignIn(AuditLog audit)
{
    public const string Scheme = "Negotiate";
    private const string StateKey = "DataRefresh.Negotiate";

    /// <summary>One step of the exchange on this request's connection, with the client's token (base64 from the Authorization header).</summary>
    public (SignInOutcome Outcome, NegotiateIdentity? Identity) Step(HttpContext context, string? token)
    {
        var state = State(context);
        byte[] input;
        try
        {
            input = Convert.FromBase64String(token ?? "");
        }
        catch (FormatException)
        {
            return Fail(context, state, "the Negotiate token is not base64");
        }

        if (input.Length == 0)
        {
            return Fail(context, state, "the Negotiate token is empty");
        }

        // A new token on a connection that has finished an exchange starts a new one (a client may sign in as someone else).
        state.Signed = null;
        state.Pending ??= new NegotiateAuthentication(new NegotiateAuthenticationServerOptions { Package = Scheme });
        byte[]? output;
        NegotiateAuthenticationStatusCode status;
        try
        {
            output = state.Pending.GetOutgoingBlob(input, out status);
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException or DllNotFoundException or EntryPointNotFoundException)
        {
            // No GSSAPI library, or one that cannot start: a server problem, told to the audit log by type only.
            return Fail(context, state, "the Negotiate exchange could not run", ex.GetType().Name);
        }

        switch (status)
        {
            case NegotiateAuthenticationStatusCode.ContinueNeeded:
                context.Response.Headers.Append(HeaderNames.WWWAuthenticate, output is null ? Scheme : $"{Scheme} {Convert.ToBase64String(output)}");
                return (SignInOutcome.Continue, null);
            case NegotiateAuthenticationStatusCode.Completed:
                var auth = state.Pending;
                state.Pending = null;
                try
                {
                    var identity = IdentityOf(auth.RemoteIdentity);
                    if (output is not null)
                    {
                        // The server's last token (mutual authentication) rides on the response that answers the request.
                        context.Response.Headers.Append(HeaderNames.WWWAuthenticate, $"{Scheme} {Convert.ToBase64String(output)}");
                    }

                    if (string.Equals(auth.Package, "NTLM", StringComparison.OrdinalIgnoreCase))
                    {
                        state.Signed = identity;
                    }

                    return (SignInOutcome.SignedIn, identity);
                }
                finally
                {
                    auth.Dispose();
                }

            default:
                return Fail(context, state, "the Negotiate exchange failed", status.ToString());
        }
    }

    /// <summary>The NTLM sign-in that holds for this connection, if there is one (a request with no Authorization header).</summary>
    public static NegotiateIdentity? Persisted(HttpContext context) =>
        context.Features.Get<IConnectionItemsFeature>()?.Items.TryGetValue(StateKey, out var value) == true ? (value as ConnectionState)?.Signed : null;

    private (SignInOutcome, NegotiateIdentity?) Fail(HttpContext context, ConnectionState state, string reason, string? status = null)
    {
        state.Reset();
        audit.Write("negotiate-failed", null, DashboardAuth.Client(context), new { reason, status });
        return (SignInOutcome.Failed, null);
    }

    private static NegotiateIdentity IdentityOf(IIdentity identity)
    {
        var name = identity.Name ?? "";
        var groups = new List<string>();
        if (OperatingSystem.IsWindows() && identity is WindowsIdentity windows && windows.Groups is { } sids)
        {
            // Roles may name a group as DOMAIN\Group or by its SID; the ticket's groups come as SIDs, named here.
            foreach (var sid in sids)
            {
                groups.Add(sid.Value);
            }

            try
            {
                foreach (var account in sids.Translate(typeof(NTAccount), forceSuccess: false))
                {
                    if (account is NTAccount named)
                    {
                        groups.Add(named.Value);
                    }
                }
            }
            catch (SystemException)
            {
                // The domain could not name them (a Win32 lookup error): roles may still name the SIDs.
            }
        }

        // On Linux and macOS GSSAPI gives the principal (alice@REALM) and no groups: roles match user names there.
        return new NegotiateIdentity(name, groups);
    }

    private static ConnectionState State(HttpContext context)
    {
        var items = context.Features.Get<IConnectionItemsFeature>()?.Items;
        if (items is null)
        {
            // No connection to keep state on (not Kestrel's HTTP/1.1): each request stands alone, which suits Kerberos.
            var alone = new ConnectionState();
            context.Response.RegisterForDispose(alone);
            return alone;
        }

        if (items.TryGetValue(StateKey, out var value) && value is ConnectionState existing)
        {
            return existing;
        }

        var state = new ConnectionState();
        items[StateKey] = state;
        context.Features.Get<IConnectionCompleteFeature>()?.OnCompleted(s =>
        {
            ((ConnectionState)s).Dispose();
            return Task.CompletedTask;
        }, state);
        return state;
    }

    /// <summary>The connection's unfinished exchange, or its finished NTLM sign-in.</summary>
    private sealed class ConnectionState : IDisposable
    {
        public NegotiateAuthentication? Pending { get; set; }

        public NegotiateIdentity? Signed { get; set; }

        public void Reset()
        {
            Pending?.Dispose();
            Pending = null;
            Signed = null;
        }

        public void Dispose() => Reset();
    }
}

/// <summary>
/// Where GSSAPI finds the service's key. MIT Kerberos reads KRB5_KTNAME (and KRB5_CONFIG) with the C library's
/// getenv, which does not see variables .NET sets in-process (on Unix .NET keeps its own copy), so a keytab named in
/// the configuration, or a variable set in pwsh after it started, is passed to the C environment here, once, before
/// Kestrel starts.
/// </summary>
internal static class KerberosEnvironment
{
    public const string KeytabVariable = "KRB5_KTNAME";
    public const string ConfigVariable = "KRB5_CONFIG";
    private const string SystemKeytab = "/etc/krb5.keytab";

    /// <summary>Makes the keytab GSSAPI will use the configured one; fails clearly when there is none to read.</summary>
    public static void Prepare(DashboardConfig dashboard)
    {
        if (OperatingSystem.IsWindows() || !dashboard.Authentication.Contains(DashboardAuthentication.Negotiate))
        {
            return;
        }

        foreach (var variable in new[] { KeytabVariable, ConfigVariable })
        {
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } managed && Marshal.PtrToStringUTF8(GetEnv(variable)) != managed)
            {
                SetNative(variable, managed);
            }
        }

        string keytab;
        if (dashboard.KerberosKeytab is { } configured)
        {
            keytab = configured;
            SetNative(KeytabVariable, "FILE:" + configured);
        }
        else if (Environment.GetEnvironmentVariable(KeytabVariable) is { Length: > 0 } variable)
        {
            keytab = variable.StartsWith("FILE:", StringComparison.Ordinal) ? variable[5..] : variable;
        }
        else
        {
            keytab = SystemKeytab;
            if (!File.Exists(keytab))
            {
                throw new InvalidOperationException($"authentication: negotiate needs the service's Kerberos key: set dashboard.kerberos_keytab (or {KeytabVariable}) to a keytab holding HTTP/<host>@REALM; {SystemKeytab} does not exist (see docs/dashboard.md)");
            }
        }

        if (keytab.Contains(':', StringComparison.Ordinal) && !Path.IsPathRooted(keytab))
        {
            return; // another keytab type (MEMORY:, DIR:): GSSAPI's to read
        }

        try
        {
            using var _ = File.OpenRead(keytab);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"cannot read the Kerberos keytab {keytab} for authentication: negotiate: {ex.Message} (the account running pwsh must be able to read it)", ex);
        }
    }

    private static void SetNative(string variable, string value)
    {
        if (SetEnv(variable, value, 1) != 0)
        {
            throw new InvalidOperationException($"could not set {variable} for the Kerberos library (setenv failed with error {Marshal.GetLastPInvokeError()})");
        }
    }

    // Strings marshal as UTF-8 on Unix, the only place these are called.
    [DllImport("libc", EntryPoint = "getenv", BestFitMapping = false, ThrowOnUnmappableChar = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern IntPtr GetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name);

    [DllImport("libc", EntryPoint = "setenv", BestFitMapping = false, ThrowOnUnmappableChar = true, SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);
}
