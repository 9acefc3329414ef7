using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using DataRefresh.Configuration;
using Microsoft.AspNetCore.Http;

namespace DataRefresh.Dashboard;

/// <summary>Who is asking: a signed-in user, their roles (from the configuration only) and their CSRF token.</summary>
internal sealed record DashboardUser(string Name, IReadOnlyList<string> Roles, string CsrfToken)
{
    public const string Operator = "operator";
    public const string Viewer = "viewer";

    public bool IsOperator => Roles.Contains(Operator);
}

/// <summary>
/// Local accounts: HTTP Basic on every request, or the sign-in form's session cookie. Sessions live in memory only
/// (a restart signs everyone out). CSRF tokens are HMACs under a key made at start, so none is stored for Basic.
/// Windows/Kerberos (when authentication lists negotiate): the Negotiate header, through <see cref="NegotiateSignIn"/>.
/// </summary>
internal sealed class DashboardAuth
{
    public const string CookieName = "DataRefresh.Session";
    public const string CsrfHeader = "X-CSRF-Token";
    private static readonly TimeSpan SessionLife = TimeSpan.FromHours(8);
    private static readonly TimeSpan VerifiedLife = TimeSpan.FromMinutes(10);
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, (string User, DateTimeOffset Expires)> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string User, DateTimeOffset Expires)> _verified = new(StringComparer.Ordinal);
    private readonly DashboardConfig _config;
    private readonly TimeProvider _clock;
    private readonly AuditLog _audit;
    private readonly NegotiateSignIn? _negotiate;

    public DashboardAuth(DashboardConfig config, TimeProvider clock, AuditLog audit)
    {
        _config = config;
        _clock = clock;
        _audit = audit;
        Throttle = new SignInThrottle(clock);
        _negotiate = config.Authentication.Contains(DashboardAuthentication.Negotiate) ? new NegotiateSignIn(audit) : null;
    }

    /// <summary>Whether Windows/Kerberos sign-in is on: browsers are then challenged (401) rather than sent to the form.</summary>
    public bool Negotiates => _negotiate is not null;

    private bool Local => _config.Authentication.Contains(DashboardAuthentication.Local);

    public SignInThrottle Throttle { get; }

    public static string Client(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>The roles the configuration gives a name (or, signed in by Negotiate on Windows, one of its groups); empty: refused everywhere.</summary>
    public IReadOnlyList<string> RolesOf(string user, IReadOnlyList<string>? groups = null)
    {
        var roles = new List<string>();
        bool Listed(IReadOnlyList<string> names) =>
            names.Contains(user, StringComparer.OrdinalIgnoreCase) || (groups is not null && groups.Any(g => names.Contains(g, StringComparer.OrdinalIgnoreCase)));
        if (Listed(_config.Operators))
        {
            roles.Add(DashboardUser.Operator);
        }

        if (roles.Count > 0 || Listed(_config.Viewers))
        {
            roles.Add(DashboardUser.Viewer);
        }

        return roles;
    }

    /// <summary>Check a name and password (throttled, audited). The outcome, and the name as the users file spells it.</summary>
    public (SignInOutcome Outcome, string? User, TimeSpan? RetryAfter) SignIn(string user, string password, HttpContext context)
    {
        var client = Client(context);
        if (Throttle.RetryAfter(user, client) is { } wait)
        {
            _audit.Write("sign-in-throttled", RolesOf(user).Count > 0 ? user : null, client);
            return (SignInOutcome.Throttled, null, wait);
        }

        var cacheKey = Mac("basic\0" + user + "\0" + password);
        if (_verified.TryGetValue(cacheKey, out var cached) && cached.Expires > _clock.GetUtcNow())
        {
            return (SignInOutcome.SignedIn, cached.User, null);
        }

        var users = _config.UsersFile is { } file && Local ? UsersFile.Load(file) : null;

        // With Negotiate on, a domain-shaped name (CONTOSO\alice, alice@REALM) is a Windows/Kerberos one: a local
        // account must not wear it, or the role given to the domain user or group would be its too.
        var name = _negotiate is not null && LooksLikeDomainName(user) ? null : users?.Verify(user, password);
        if (name is null)
        {
            Throttle.Failed(user, client);

            // A name that is no account may be a password typed in the wrong field: the trail says only that.
            var known = users?.Names.Contains(user, StringComparer.OrdinalIgnoreCase) == true || RolesOf(user).Count > 0;
            _audit.Write("sign-in-failed", known ? user : null, client, known ? null : new { unknownName = true });
            return (SignInOutcome.Failed, null, null);
        }

        Throttle.Succeeded(user);
        _verified[cacheKey] = (name, _clock.GetUtcNow() + VerifiedLife);
        return (SignInOutcome.SignedIn, name, null);
    }

    public string NewSession(string user)
    {
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        _sessions[id] = (user, _clock.GetUtcNow() + SessionLife);
        return id;
    }

    public void EndSession(HttpContext context)
    {
        if (context.Request.Cookies.TryGetValue(CookieName, out var id))
        {
            _sessions.TryRemove(id, out _);
        }
    }

    public static CookieOptions CookieOptions(bool https) => new() { HttpOnly = true, Secure = https, SameSite = SameSiteMode.Strict, Path = "/", MaxAge = SessionLife };

    /// <summary>
    /// The request's user from its cookie, its Negotiate header (or the connection's NTLM sign-in), or its Basic
    /// header; null when it has none (or a wrong one). <see cref="SignInOutcome.Continue"/>: a Negotiate exchange
    /// needs another leg, and the response's WWW-Authenticate header already carries the server's token.
    /// </summary>
    public (DashboardUser? User, SignInOutcome Outcome, TimeSpan? RetryAfter) Identify(HttpContext context)
    {
        if (context.Request.Cookies.TryGetValue(CookieName, out var id) && _sessions.TryGetValue(id, out var session))
        {
            if (session.Expires > _clock.GetUtcNow())
            {
                return (User(session.User, "session\0" + id), SignInOutcome.SignedIn, null);
            }

            _sessions.TryRemove(id, out _);
        }

        var header = AuthenticationHeaderValue.TryParse(context.Request.Headers.Authorization, out var parsed) ? parsed : null;
        if (_negotiate is not null)
        {
            if (header is not null && string.Equals(header.Scheme, NegotiateSignIn.Scheme, StringComparison.OrdinalIgnoreCase))
            {
                var (step, identity) = _negotiate.Step(context, header.Parameter);
                return identity is null ? (null, step, null) : (User(identity.Name, "negotiate\0" + identity.Name, identity.Groups), step, null);
            }

            if (header is null && NegotiateSignIn.Persisted(context) is { } signed)
            {
                return (User(signed.Name, "negotiate\0" + signed.Name, signed.Groups), SignInOutcome.SignedIn, null);
            }
        }

        if (header is not null && string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) && header.Parameter is { } parameter)
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
            }
            catch (FormatException)
            {
                return (null, SignInOutcome.Failed, null);
            }

            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return (null, SignInOutcome.Failed, null);
            }

            var (outcome, name, wait) = SignIn(decoded[..colon], decoded[(colon + 1)..], context);
            return name is null ? (null, outcome, wait) : (User(name, "basic\0" + name), outcome, null);
        }

        return (null, SignInOutcome.None, null);
    }

    /// <summary>The WWW-Authenticate challenges of a 401: Negotiate and Basic, as configured (browsers pick Negotiate).</summary>
    public void Challenge(HttpContext context)
    {
        if (_negotiate is not null)
        {
            context.Response.Headers.Append("WWW-Authenticate", NegotiateSignIn.Scheme);
        }

        if (Local)
        {
            context.Response.Headers.Append("WWW-Authenticate", "Basic realm=\"DataRefresh\", charset=\"UTF-8\"");
        }
    }

    public static bool CsrfValid(HttpContext context, DashboardUser user)
    {
        var sent = context.Request.Headers[CsrfHeader].ToString();
        return sent.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes(user.CsrfToken));
    }

    private static bool LooksLikeDomainName(string user) => user.Contains('\\', StringComparison.Ordinal) || user.Contains('@', StringComparison.Ordinal);

    private DashboardUser User(string name, string csrfSubject, IReadOnlyList<string>? groups = null) => new(name, RolesOf(name, groups), Mac("csrf\0" + csrfSubject));

    private string Mac(string text) => Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(text)));
}

internal enum SignInOutcome
{
    None,
    SignedIn,
    Failed,
    Throttled,

    /// <summary>A Negotiate exchange needs the client's next token (401 with the server's).</summary>
    Continue,
}
