using System.Collections.Concurrent;
using System.Security.Cryptography;
using DataRefresh.Planning;

namespace DataRefresh.Dashboard;

/// <summary>
/// Refresh now, in two steps: the plans a user was shown (GET /api/plan), kept under an unguessable id for ten
/// minutes, so the refresh they confirm (POST /api/refresh with the id) runs exactly those plans, as a piped
/// Get-RefreshPlan would. Only the user who asked may confirm; an id is used once.
/// </summary>
internal sealed class DashboardPlans(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private const int Capacity = 100;
    private readonly ConcurrentDictionary<string, Entry> _plans = new(StringComparer.Ordinal);

    public PlanSetView Keep(IReadOnlyList<RefreshPlan> plans, string user)
    {
        var now = clock.GetUtcNow();
        foreach (var old in _plans.Where(p => p.Value.ExpiresAt <= now || _plans.Count > Capacity).Select(p => p.Key).ToList())
        {
            _plans.TryRemove(old, out _);
        }

        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        var expires = now + Lifetime;
        _plans[id] = new Entry(plans, user, expires);
        return new PlanSetView(id, [.. plans.Select(PlanView.From)], plans.Any(p => p.IsBlocked), plans.Where(p => !p.IsBlocked).Sum(p => p.EstimatedRows), expires);
    }

    /// <summary>The plans kept under <paramref name="id"/> for <paramref name="user"/> and <paramref name="tables"/>, once; or why not (a 409, or 400 for other tables).</summary>
    public (IReadOnlyList<RefreshPlan>? Plans, string? Refused, bool OtherTables) Take(string id, string user, IReadOnlyCollection<string> tables)
    {
        if (!_plans.TryGetValue(id, out var entry) || !string.Equals(entry.User, user, StringComparison.Ordinal))
        {
            return (null, "this plan is unknown or was made for another user: plan again", false);
        }

        if (entry.ExpiresAt <= clock.GetUtcNow())
        {
            _plans.TryRemove(id, out _);
            return (null, $"this plan is older than {Lifetime.TotalMinutes:0} minutes: plan again", false);
        }

        if (!entry.Plans.Select(p => p.Table).ToHashSet(StringComparer.OrdinalIgnoreCase).IsSupersetOf(tables))
        {
            return (null, "the tables are not the ones this plan was made for: plan again", true);
        }

        return _plans.TryRemove(id, out _) ? (entry.Plans, null, false) : (null, "this plan was already run: plan again", false);
    }

    private sealed record Entry(IReadOnlyList<RefreshPlan> Plans, string User, DateTimeOffset ExpiresAt);
}
