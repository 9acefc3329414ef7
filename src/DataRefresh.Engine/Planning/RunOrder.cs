using DataRefresh.Catalog;

namespace DataRefresh.Planning;

/// <summary>
/// Which configured table references which (from both tables' catalogs, a partition's keys counting for its
/// partitioned table), which tables share a unit, and the order units run in: a unit runs after every unit it
/// depends on, whatever the configuration order.
/// </summary>
internal static class RunOrder
{
    /// <summary>For each plan (by configured name), the plans of tables it references, itself excluded.</summary>
    public static Dictionary<string, HashSet<string>> Parents(IReadOnlyList<RefreshPlan> plans)
    {
        var byTarget = new Dictionary<QualifiedName, string>();
        foreach (var p in plans.Where(p => p.TargetSchema is not null))
        {
            byTarget.TryAdd(p.TargetSchema!.Name, p.Table);
        }

        var parents = plans.ToDictionary(p => p.Table, _ => new HashSet<string>());
        foreach (var p in plans.Where(p => p.TargetSchema is not null))
        {
            foreach (var fk in p.TargetSchema!.References)
            {
                if (byTarget.TryGetValue(fk.To, out var parent) && parent != p.Table)
                {
                    parents[p.Table].Add(parent);
                }
            }

            // A key declared on a partition is listed only on the referenced side.
            foreach (var fk in p.TargetSchema.ReferencedBy)
            {
                if (byTarget.TryGetValue(fk.ReferencingTable, out var child) && child != p.Table)
                {
                    parents[child].Add(p.Table);
                }
            }
        }

        return parents;
    }

    /// <summary>True when a table of <paramref name="unit"/> references a table of <paramref name="other"/>.</summary>
    public static bool DependsOn(IReadOnlyList<RefreshPlan> unit, IReadOnlyList<RefreshPlan> other)
    {
        var parents = Parents([.. unit, .. other]);
        var others = other.Select(p => p.Table).ToHashSet();
        return unit.Any(p => !others.Contains(p.Table) && parents[p.Table].Overlaps(others));
    }

    /// <summary>
    /// Units: a table emptied in the run shares a transaction with the tables it is tied to that also remove rows
    /// (its emptied parents and children, a parent deleting a date buffer's window), since the children must be
    /// emptied before the parent's rows go. Units that depend on each other (through a table of neither, such as an
    /// incremental table between them) are merged: no order of separate transactions would work.
    /// </summary>
    public static Dictionary<string, int> Units(IReadOnlyList<RefreshPlan> plans, Dictionary<string, HashSet<string>> parents, out HashSet<string> merged)
    {
        var byName = plans.ToDictionary(p => p.Table);
        var sets = new UnionFind(plans.Select(p => p.Table));
        foreach (var child in plans.Where(p => !p.IsBlocked && p.Action == RefreshAction.Full))
        {
            foreach (var parent in parents[child.Table].Select(n => byName[n]).Where(p => !p.IsBlocked && ExternalReferenceRules.RemovesRows(p)))
            {
                sets.Union(child.Table, parent.Table);
            }
        }

        // Merge units on a dependency cycle (mutually reachable through running tables): one strongly connected set each.
        var running = plans.Where(p => !p.IsBlocked).Select(p => p.Table).ToHashSet();
        var members = running.GroupBy(sets.Find).ToDictionary(g => g.Key, g => g.ToList());
        var reach = members.Keys.ToDictionary(root => root, root => Reachable(root, members, running, parents, sets));
        var cycles = members.Keys.SelectMany(a => members.Keys.Where(b => a != b && reach[a].Contains(b) && reach[b].Contains(a)).Select(b => (a, b))).ToList();
        merged = [];
        foreach (var (a, b) in cycles)
        {
            sets.Union(a, b);
            merged.UnionWith(members[a]);
            merged.UnionWith(members[b]);
        }

        return plans.ToDictionary(p => p.Table, p => sets.Id(p.Table));
    }

    /// <summary>The units reachable from a unit by following running tables to the tables they reference.</summary>
    private static HashSet<string> Reachable(string root, Dictionary<string, List<string>> members, HashSet<string> running, Dictionary<string, HashSet<string>> parents, UnionFind sets)
    {
        var seen = new HashSet<string>();
        var queue = new Queue<string>([root]);
        while (queue.TryDequeue(out var unit))
        {
            foreach (var parent in members[unit].SelectMany(t => parents[t]).Where(running.Contains).Select(sets.Find))
            {
                if (parent != root && seen.Add(parent))
                {
                    queue.Enqueue(parent);
                }
            }
        }

        return seen;
    }

    /// <summary>
    /// The run order: units after the units they depend on (ties: the earlier table in <paramref name="ordered"/>),
    /// each unit's tables in <paramref name="ordered"/> order (parents first). Units are renumbered in run order.
    /// </summary>
    public static List<RefreshPlan> Arrange(List<RefreshPlan> ordered, Dictionary<string, HashSet<string>> parents, Dictionary<string, int> units, out Dictionary<int, int> numbers)
    {
        var position = ordered.Select((p, i) => (p.Table, i)).ToDictionary(x => x.Table, x => x.i);
        var blocked = ordered.Where(p => p.IsBlocked).Select(p => p.Table).ToHashSet();
        var groups = ordered.GroupBy(p => units[p.Table]).ToDictionary(g => g.Key, g => g.ToList());

        // Blocked tables do not run: they order nothing (they could only make a false cycle).
        var needs = groups.ToDictionary(
            g => g.Key,
            g => g.Value.Where(p => !blocked.Contains(p.Table)).SelectMany(p => parents[p.Table]).Where(t => !blocked.Contains(t)).Select(t => units[t]).Where(u => u != g.Key).ToHashSet());
        var result = new List<RefreshPlan>();
        numbers = [];
        var done = new HashSet<int>();
        while (done.Count < groups.Count)
        {
            var open = groups.Keys.Where(u => !done.Contains(u)).OrderBy(u => position[groups[u][0].Table]).ToList();
            var next = open.FirstOrDefault(u => needs[u].All(done.Contains), open[0]);
            done.Add(next);
            numbers[next] = numbers.Count + 1;
            result.AddRange(groups[next]);
        }

        return result;
    }

    /// <summary>Tables in foreign-key order, configuration order otherwise; tables caught in a cycle last, in configuration order.</summary>
    public static List<RefreshPlan> Topological(IReadOnlyList<RefreshPlan> plans, Dictionary<string, HashSet<string>> parents, out HashSet<string> cycle)
    {
        var ordered = new List<RefreshPlan>();
        var done = new HashSet<string>();
        while (ordered.Count < plans.Count)
        {
            var next = plans.FirstOrDefault(p => !done.Contains(p.Table) && parents[p.Table].All(done.Contains));
            if (next is null)
            {
                break;
            }

            ordered.Add(next);
            done.Add(next.Table);
        }

        cycle = plans.Where(p => !done.Contains(p.Table)).Select(p => p.Table).ToHashSet();
        ordered.AddRange(plans.Where(p => !done.Contains(p.Table)));
        return ordered;
    }

    /// <summary>Disjoint sets of table names; a set's id is the position of its first member.</summary>
    private sealed class UnionFind
    {
        private readonly List<string> _order;
        private readonly Dictionary<string, string> _parent;

        public UnionFind(IEnumerable<string> names)
        {
            _order = [.. names];
            _parent = _order.ToDictionary(n => n, n => n);
        }

        public string Find(string name)
        {
            while (_parent[name] != name)
            {
                name = _parent[name] = _parent[_parent[name]];
            }

            return name;
        }

        public void Union(string a, string b)
        {
            var (ra, rb) = (Find(a), Find(b));
            if (ra != rb)
            {
                _parent[rb] = ra;
            }
        }

        public int Id(string name)
        {
            var root = Find(name);
            return _order.FindIndex(n => Find(n) == root) + 1;
        }
    }
}
