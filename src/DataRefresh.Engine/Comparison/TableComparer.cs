using System.Data.Common;
using System.Diagnostics;
using DataRefresh.Configuration;
using DataRefresh.Engines;
using DataRefresh.Engines.PostgreSql;
using DataRefresh.Engines.Sqlite;
using DataRefresh.Engines.SqlServer;
using DataRefresh.Planning;

namespace DataRefresh.Comparison;

/// <summary>
/// Compare-TableState: proves a UAT table equals production, or names what differs, without copying it. The key
/// range is cut at the source's quantiles; each database computes, per range, the row count and the sum of a
/// 64-bit hash of each row's canonical text (both sides at once). Ranges that differ are cut again until small,
/// then key and row hash of just those rows are compared here, and the changed rows' columns named. Read only:
/// the source through its read-only snapshot session, the target through the inspect session.
/// </summary>
public static class TableComparer
{
    /// <summary>How many sub-ranges a differing range is cut into.</summary>
    private const int Fanout = 16;

    public static async Task<IReadOnlyList<TableComparison>> CompareAsync(IReadOnlyList<RefreshPlan> plans, CompareOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plans);
        ArgumentNullException.ThrowIfNull(options);
        var results = new List<TableComparison>();
        foreach (var plan in plans)
        {
            results.Add(await CompareAsync(plan, options, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    public static async Task<TableComparison> CompareAsync(RefreshPlan plan, CompareOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        // The limit also stops a first pass that would run past it (the queries are cancelled); narrowing stops between queries.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (options.TimeLimit is { } timeLimit)
        {
            limit.CancelAfter(timeLimit + timeLimit);
        }

        try
        {
            return await CompareOnceAsync(plan, options, clock, limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new TableComparison { Table = plan.Table, Status = ComparisonStatus.Incomplete, Method = options.Method, Reason = $"-TimeLimit {options.TimeLimit}: the first pass over the table did not finish in time; nothing is known yet", Duration = clock.Elapsed };
        }
    }

    /// <summary>
    /// verify: after a refresh commits, the table compared in the source session the copy read from (so production
    /// changing meanwhile is not reported as a difference); the target is read through a new inspect session.
    /// </summary>
    internal static async Task<TableComparison> VerifyAsync(RefreshPlan plan, CompareMethod method, DbConnection source, DbTransaction? sourceTx, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        return await CompareOnceAsync(plan, new CompareOptions { Method = method }, clock, (source, sourceTx), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<TableComparison> CompareOnceAsync(RefreshPlan plan, CompareOptions options, Stopwatch clock, CancellationToken cancellationToken) =>
        await CompareOnceAsync(plan, options, clock, null, cancellationToken).ConfigureAwait(false);

    private static async Task<TableComparison> CompareOnceAsync(RefreshPlan plan, CompareOptions options, Stopwatch clock, (DbConnection Connection, DbTransaction? Tx)? openSource, CancellationToken cancellationToken)
    {
        var config = plan.Config;
        TableComparison NotComparable(string why) => new() { Table = plan.Table, Status = ComparisonStatus.NotComparable, Method = options.Method, Reason = why, Duration = clock.Elapsed };
        if (plan.SourceSchema is null || plan.TargetSchema is null)
        {
            return NotComparable(plan.Reason);
        }

        if (config.Source.Engine != config.Target.Engine)
        {
            return NotComparable("source and target are different engines; their canonical forms are not comparable");
        }

        // Counts need no canonical form: every engine counts.
        var dialect = Dialect(config.Target.Engine);
        if (dialect is null && options.Method != CompareMethod.Count)
        {
            return NotComparable($"Compare-TableState is not built for {config.Target.Engine} yet (PostgreSQL, SQLite and SQL Server are)");
        }

        var engine = EngineRegistry.For(config.Target.Engine);
        var shapes = Shapes(plan, config.Settings.CommandTimeout);
        var masked = MaskedNote(plan);
        if (shapes is null)
        {
            return NotComparable(masked is null
                ? "none of the table's columns can be compared (every one is computed or a rowversion)"
                : $"none of the table's columns can be compared: {masked}; compare by count (verify: counts, -Method Count)");
        }

        const string label = "DataRefresh compare";
        await using var ownSource = openSource is null ? await engine.OpenAsync(config.Source, ConnectionPurpose.Source, config.Settings, label, cancellationToken).ConfigureAwait(false) : null;
        await using var target = await engine.OpenAsync(config.Target, ConnectionPurpose.Inspect, config.Settings, label, cancellationToken).ConfigureAwait(false);
        await using var ownSourceTx = ownSource is null ? null : await engine.BeginSourceReadAsync(ownSource, cancellationToken).ConfigureAwait(false);
        var (source, sourceTx) = openSource is { } open ? (open.Connection, open.Tx) : (ownSource!, ownSourceTx);
        await using var targetTx = await engine.BeginSourceReadAsync(target, cancellationToken).ConfigureAwait(false);
        if (options.Method == CompareMethod.Count || shapes.Value.Source.Key.Count == 0)
        {
            var counts = await Both(
                () => engine.CountAsync(source, sourceTx, plan.SourceSchema.Name, null, cancellationToken),
                () => engine.CountAsync(target, targetTx, plan.TargetSchema.Name, null, cancellationToken)).ConfigureAwait(false);
            if (options.Method == CompareMethod.Count)
            {
                return Verdict(plan, options, clock, counts.Source == counts.Target, counts, 0, [], [], false, null);
            }

            // No key (or a masked one, whose values differ by design): one whole-table checksum, and no row can be named.
            var keyless = await PrepareAsync(dialect!, (source, sourceTx), (target, targetTx), shapes.Value, options, clock, cancellationToken).ConfigureAwait(false);
            var whole = await keyless.SumsAsync(KeyRange.All, [], cancellationToken).ConfigureAwait(false);
            var why = masked is not null && Key(plan).Any(Masked(plan).Contains)
                ? $"{masked}; the key is masked, so the table was compared by count and one whole-table checksum of the unmasked columns; rows cannot be named"
                : Joined("the table has no primary key or unique key on NOT NULL columns: compared by count and one whole-table checksum; rows cannot be named", masked);
            return Verdict(plan, options, clock, whole.Source[0] == whole.Target[0], counts, 1, [], [], false, why);
        }

        var work = await PrepareAsync(dialect!, (source, sourceTx), (target, targetTx), shapes.Value, options, clock, cancellationToken).ConfigureAwait(false);
        var comparison = await work.RunAsync(plan, cancellationToken).ConfigureAwait(false);
        return masked is null ? comparison : comparison with { Reason = Joined(comparison.Reason, masked) };
    }

    private static string? Joined(string? first, string? second) => first is null ? second : second is null ? first : $"{first}; {second}";

    /// <summary>The table's masked columns (masking:), which a comparison leaves out: UAT holds their masked values, which differ from production's by design.</summary>
    private static HashSet<string> Masked(RefreshPlan plan) =>
        new(plan.TableConfig.Masking.Select(m => m.Column), StringComparer.OrdinalIgnoreCase);

    private static string? MaskedNote(RefreshPlan plan)
    {
        var masked = Masked(plan);
        var columns = plan.Columns.Where(masked.Contains).ToList();
        return columns.Count == 0 ? null : $"masked columns not compared (masking changes them by design): {string.Join(", ", columns)}";
    }

    /// <summary>The key rows are matched on: the merge key, or the target's row key.</summary>
    private static IReadOnlyList<string> Key(RefreshPlan plan) => plan.MergeKey.Count > 0 ? plan.MergeKey : plan.TargetSchema!.RowKey;

    private static async Task<Work> PrepareAsync(IComparisonDialect dialect, (DbConnection Connection, DbTransaction? Tx) source, (DbConnection Connection, DbTransaction? Tx) target, (CompareShape Source, CompareShape Target) shapes, CompareOptions options, Stopwatch clock, CancellationToken cancellationToken)
    {
        await dialect.PrepareAsync(source.Connection, source.Tx, cancellationToken).ConfigureAwait(false);
        await dialect.PrepareAsync(target.Connection, target.Tx, cancellationToken).ConfigureAwait(false);
        return new Work(dialect, (source.Connection, source.Tx, shapes.Source), (target.Connection, target.Tx, shapes.Target), options, clock);
    }

    internal static IComparisonDialect? Dialect(EngineKind engine) => engine switch
    {
        EngineKind.PostgreSql => new PostgreSqlComparison(),
        EngineKind.Sqlite => new SqliteComparison(),
        EngineKind.SqlServer => new SqlServerComparison(),
        _ => null,
    };

    /// <summary>
    /// Each side's key and compared columns (the plan's copied columns, as each side spells them). Masked columns
    /// are left out; a masked key is no key (its values differ from production's, so rows cannot be paired by it).
    /// </summary>
    private static (CompareShape Source, CompareShape Target)? Shapes(RefreshPlan plan, int timeout)
    {
        var (s, t) = (plan.SourceSchema!, plan.TargetSchema!);
        var masked = Masked(plan);
        var names = plan.Columns.Where(n => !masked.Contains(n) && s.Column(n) is { IsCopyable: true } && t.Column(n) is { IsCopyable: true }).ToList();
        if (names.Count == 0)
        {
            return null;
        }

        var key = Key(plan);
        if (key.Any(k => s.Column(k) is null || masked.Contains(k)))
        {
            key = [];
        }

        return (new CompareShape(s, [.. key.Select(k => s.Column(k)!)], [.. names.Select(n => s.Column(n)!)], timeout),
                new CompareShape(t, [.. key.Select(k => t.Column(k)!)], [.. names.Select(n => t.Column(n)!)], timeout));
    }

    private static async Task<(T Source, T Target)> Both<T>(Func<Task<T>> source, Func<Task<T>> target)
    {
        var (s, t) = (source(), target());
        await Task.WhenAll(s, t).ConfigureAwait(false);
        return (await s.ConfigureAwait(false), await t.ConfigureAwait(false));
    }

    private static TableComparison Verdict(RefreshPlan plan, CompareOptions options, Stopwatch clock, bool equal, (long Source, long Target) rows, int segments, IReadOnlyList<KeyRange> ranges, IReadOnlyList<RowDifference> differences, bool more, string? reason)
    {
        var status = equal ? ComparisonStatus.Equal : ComparisonStatus.Different;
        return new TableComparison
        {
            Table = plan.Table,
            Status = status,
            Method = options.Method,
            Reason = reason ?? (equal ? null : Scope(plan, differences)),
            SourceRows = rows.Source,
            TargetRows = rows.Target,
            KeyColumns = plan.MergeKey.Count > 0 ? plan.MergeKey : plan.TargetSchema!.RowKey,
            SegmentsChecked = segments,
            DifferentRanges = ranges,
            Differences = differences,
            MoreDifferences = more,
            Duration = clock.Elapsed,
        };
    }

    /// <summary>What a difference means for how this table is refreshed, so it reads as what it is.</summary>
    private static string? Scope(RefreshPlan plan, IReadOnlyList<RowDifference> differences)
    {
        var table = plan.TableConfig;
        if (table.RowLimit is { } limit)
        {
            return $"row_limit: {limit}: UAT holds at most {limit} of production's rows by design";
        }

        if (table.SyncMode == SyncMode.Incremental)
        {
            var changed = differences.Count(d => d.Kind == DifferenceKind.Changed);
            return changed > 0
                ? $"{changed} row(s) changed in production after they were copied; incremental refreshes do not carry updates (sync_mode: incremental)"
                : "sync_mode: incremental copies new rows only: rows changed or deleted in production after they were copied stay as they were";
        }

        return null;
    }

    /// <summary>One table's comparison: the ranges still to check, and what was found.</summary>
    private sealed class Work(IComparisonDialect dialect, (DbConnection Connection, DbTransaction? Tx, CompareShape Shape) source, (DbConnection Connection, DbTransaction? Tx, CompareShape Shape) target, CompareOptions options, Stopwatch clock)
    {
        private readonly List<KeyRange> _ranges = [];
        private readonly List<RowDifference> _differences = [];
        private int _segments;
        private bool _more;

        public async Task<(SegmentSum[] Source, SegmentSum[] Target)> SumsAsync(KeyRange range, IReadOnlyList<object?[]> bounds, CancellationToken cancellationToken)
        {
            _segments += bounds.Count + 1;
            return await Both(
                () => dialect.SumsAsync(source.Connection, source.Tx, source.Shape, range, bounds, cancellationToken),
                () => dialect.SumsAsync(target.Connection, target.Tx, target.Shape, range, bounds, cancellationToken)).ConfigureAwait(false);
        }

        public async Task<TableComparison> RunAsync(RefreshPlan plan, CancellationToken cancellationToken)
        {
            var estimate = await dialect.EstimateAsync(source.Connection, source.Tx, source.Shape, cancellationToken).ConfigureAwait(false);
            var bounds = await dialect.BoundsAsync(source.Connection, source.Tx, source.Shape, KeyRange.All, Math.Max(1, estimate / options.Segments), cancellationToken).ConfigureAwait(false);
            var (s, t) = await SumsAsync(KeyRange.All, bounds, cancellationToken).ConfigureAwait(false);
            var rows = (s.Sum(x => x.Rows), t.Sum(x => x.Rows));
            var pending = new Queue<(KeyRange Range, long SourceRows, long TargetRows)>(Differing(KeyRange.All, bounds, s, t));
            var complete = true;
            while (pending.Count > 0)
            {
                if (options.TimeLimit is { } limit && clock.Elapsed > limit)
                {
                    complete = false;
                    _ranges.AddRange(pending.Select(p => p.Range));
                    break;
                }

                var (range, sourceRows, targetRows) = pending.Dequeue();
                if (Math.Max(sourceRows, targetRows) <= options.RowLevelThreshold)
                {
                    _ranges.Add(range);
                    if (options.Method == CompareMethod.Rows && !_more)
                    {
                        await RowsAsync(range, cancellationToken).ConfigureAwait(false);
                    }

                    continue;
                }

                // Cut where the side with more rows in the range has its quantiles (production, unless UAT has more there).
                var side = sourceRows >= targetRows ? source : target;
                var sub = await dialect.BoundsAsync(side.Connection, side.Tx, side.Shape, range, Math.Max(1, (Math.Max(sourceRows, targetRows) + Fanout - 1) / Fanout), cancellationToken).ConfigureAwait(false);
                var (ss, ts) = await SumsAsync(range, sub, cancellationToken).ConfigureAwait(false);
                foreach (var next in Differing(range, sub, ss, ts))
                {
                    pending.Enqueue(next);
                }
            }

            // Every range queued had different counts or sums: one is enough to say Different; the time limit only stops the search for where.
            var note = complete ? null : $"-TimeLimit {options.TimeLimit}: stopped narrowing after {_segments} key range(s); the ranges not narrowed further are in DifferentRanges";
            return Verdict(plan, options, clock, _ranges.Count == 0, rows, _segments, _ranges, _differences, _more, note);
        }

        private static IEnumerable<(KeyRange, long, long)> Differing(KeyRange range, IReadOnlyList<object?[]> bounds, SegmentSum[] s, SegmentSum[] t)
        {
            for (var i = 0; i <= bounds.Count; i++)
            {
                if (s[i] != t[i])
                {
                    yield return (new KeyRange(i == 0 ? range.From : bounds[i - 1], i == bounds.Count ? range.To : bounds[i]), s[i].Rows, t[i].Rows);
                }
            }
        }

        /// <summary>Key and row hash of every row in the range from both sides; then the changed rows' columns.</summary>
        private async Task RowsAsync(KeyRange range, CancellationToken cancellationToken)
        {
            var (s, t) = await Both(
                () => dialect.RowHashesAsync(source.Connection, source.Tx, source.Shape, range, cancellationToken),
                () => dialect.RowHashesAsync(target.Connection, target.Tx, target.Shape, range, cancellationToken)).ConfigureAwait(false);
            var targetRows = t.ToDictionary(r => CompareShape.KeyText(r.Key), r => r.Hash, StringComparer.Ordinal);
            var found = new List<RowDifference>();
            var changed = new List<object?[]>();
            foreach (var (key, hash) in s)
            {
                if (!targetRows.Remove(CompareShape.KeyText(key), out var other))
                {
                    found.Add(new RowDifference(key, DifferenceKind.SourceOnly, []));
                }
                else if (other != hash)
                {
                    changed.Add(key);
                }
            }

            found.AddRange(t.Where(r => targetRows.ContainsKey(CompareShape.KeyText(r.Key))).Select(r => new RowDifference(r.Key, DifferenceKind.TargetOnly, [])));
            foreach (var batch in changed.Chunk(200))
            {
                var (sv, tv) = await Both(
                    () => dialect.CanonicalAsync(source.Connection, source.Tx, source.Shape, batch, cancellationToken),
                    () => dialect.CanonicalAsync(target.Connection, target.Tx, target.Shape, batch, cancellationToken)).ConfigureAwait(false);
                foreach (var key in batch)
                {
                    var text = CompareShape.KeyText(key);
                    var (a, b) = (sv[text], tv[text]);
                    var columns = Enumerable.Range(0, a.Length).Where(i => a[i] != b[i]).ToList();
                    found.Add(new RowDifference(key, DifferenceKind.Changed, [.. columns.Select(i => source.Shape.Columns[i].Name)])
                    {
                        Values = options.IncludeValues ? [.. columns.Select(i => new ColumnValues(source.Shape.Columns[i].Name, dialect.Display(a[i]), dialect.Display(b[i])))] : null,
                    });
                }
            }

            foreach (var d in found)
            {
                if (_differences.Count >= options.MaxDifferences)
                {
                    _more = true;
                    break;
                }

                _differences.Add(d);
            }
        }
    }
}
