using DataRefresh.Engines;

namespace DataRefresh.Planning;

public static partial class Planner
{
    /// <summary>
    /// The plans again without the tables answered No at the -Confirm prompt. Their unit partners are planned anew
    /// without them: a table whose emptying needed a declined table emptied with it, or whose reloaded rows need a
    /// declined parent's rows, is blocked, naming it; one that is still safe runs. A declined table is left out (it
    /// is neither refreshed nor recorded), and no table blocked before is let through (it was never asked about).
    /// </summary>
    /// <param name="plans">The plans as <see cref="PlanAsync"/> made them (not already revised).</param>
    public static IReadOnlyList<RefreshPlan> Decline(IReadOnlyList<RefreshPlan> plans, IReadOnlyCollection<string> declined)
    {
        ArgumentNullException.ThrowIfNull(plans);
        ArgumentNullException.ThrowIfNull(declined);
        if (plans.Count == 0 || declined.Count == 0)
        {
            return plans;
        }

        var names = declined.ToHashSet(StringComparer.Ordinal);
        var before = plans.ToDictionary(p => p.Table);
        var engine = EngineRegistry.For(plans[0].Config.Target.Engine);
        var again = DependencyOrder.Arrange(plans.Select(p => p.Draft ?? p).ToList(), engine, new Declined(names, plans.ToDictionary(p => p.Table, p => p.Unit)));
        return again
            .Where(p => !names.Contains(p.Table))
            .Select(p => before[p.Table].IsBlocked && !p.IsBlocked ? before[p.Table] with { Order = p.Order, Unit = p.Unit } : p)
            .ToList();
    }
    /// <summary>
    /// Plans made earlier (piped from Get-RefreshPlan), arranged again among themselves without reading any
    /// catalog: the whole set comes out as it went in; a subset filtered in the pipeline gets its own units and
    /// blocks, so a table whose unit partner was left out is not emptied or loaded without it.
    /// </summary>
    public static IReadOnlyList<RefreshPlan> Rearrange(IReadOnlyList<RefreshPlan> plans)
    {
        ArgumentNullException.ThrowIfNull(plans);
        if (plans.Count == 0 || plans.All(p => p.Draft is null))
        {
            return plans;
        }

        var engine = EngineRegistry.For(plans[0].Config.Target.Engine);
        return DependencyOrder.Arrange(plans.Select(p => p.Draft ?? p).ToList(), engine);
    }
}

/// <summary>Tables answered No at the -Confirm prompt, and the unit each table had in the plan the prompt showed.</summary>
internal sealed record Declined(IReadOnlySet<string> Tables, IReadOnlyDictionary<string, int> UnitBefore)
{
    public static Declined None { get; } = new(new HashSet<string>(), new Dictionary<string, int>());

    /// <summary>
    /// A table loaded in one transaction with a parent that no longer runs: its rows, reloaded from the source, may
    /// reference parent rows that only the parent's refresh would have brought, so it cannot run without it.
    /// </summary>
    public List<string> Orphaned(RefreshPlan plan, IEnumerable<string> parents, IEnumerable<RefreshPlan> plans)
    {
        if (!UnitBefore.TryGetValue(plan.Table, out var unit))
        {
            return [];
        }

        var stopped = plans.Where(p => p.IsBlocked && UnitBefore.TryGetValue(p.Table, out var u) && u == unit).Select(p => p.Table).ToHashSet();
        return parents.Where(stopped.Contains).Select(parent => Tables.Contains(parent)
            ? $"its unit partner {parent} was declined at the prompt, and the rows this table reloads from the source may reference {parent} rows that only {parent}'s refresh would have brought; answer Yes or No for both"
            : $"its unit partner {parent} no longer runs (a table of their unit was declined at the prompt), and the rows this table reloads from the source may reference {parent} rows that only {parent}'s refresh would have brought").ToList();
    }
}
