namespace DataRefresh.Dashboard;

/// <summary>
/// Failed sign-ins, counted per user name and per client address: after <see cref="Limit"/> failures within
/// <see cref="Window"/>, that name (or that address) is refused until the window has passed, even with the right
/// password. A successful sign-in clears the name's count.
/// </summary>
internal sealed class SignInThrottle(TimeProvider clock)
{
    public const int Limit = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    private readonly Dictionary<string, List<DateTimeOffset>> _failures = new(StringComparer.OrdinalIgnoreCase);
    private readonly object _gate = new();

    /// <summary>How long until this name and address may try again; null when they may now.</summary>
    public TimeSpan? RetryAfter(string user, string address)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            var waits = new[] { "user:" + user, "addr:" + address }
                .Select(key => Recent(key, now))
                .Where(list => list.Count >= Limit)
                .Select(list => list[^Limit] + Window - now)
                .ToList();
            return waits.Count == 0 ? null : waits.Max();
        }
    }

    public void Failed(string user, string address)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            Recent("user:" + user, now).Add(now);
            Recent("addr:" + address, now).Add(now);
        }
    }

    public void Succeeded(string user)
    {
        lock (_gate)
        {
            _failures.Remove("user:" + user);
        }
    }

    private List<DateTimeOffset> Recent(string key, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(key, out var list))
        {
            list = [];
            _failures[key] = list;
        }

        list.RemoveAll(t => t <= now - Window);
        return list;
    }
}
