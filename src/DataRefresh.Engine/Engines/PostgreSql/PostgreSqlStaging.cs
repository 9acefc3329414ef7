using System.Data.Common;
using System.Text.RegularExpressions;
using DataRefresh.Catalog;
using DataRefresh.Planning;
using DataRefresh.Staging;
using Npgsql;
using static DataRefresh.Engines.PostgreSql.PostgreSqlEngine;

namespace DataRefresh.Engines.PostgreSql;

/// <summary>
/// staging_partition_switch on PostgreSQL.
/// <para>
/// A RANGE-partitioned target: each partition the refresh touches is rebuilt aside as a standalone table with a
/// CHECK constraint equal to its bound (so ATTACH skips its validation scan) and the parent's indexes built after
/// the load; then, in one short transaction, the old partition is detached and dropped and the new one attached.
/// Partitions outside the window keep their rows untouched (same ctid/xmin).
/// </para>
/// <para>
/// Any other target: PostgreSQL has no metadata swap that keeps a table's identity. A rename swap would leave
/// views, foreign keys and grants bound to the old table (they follow its OID, not its name). So the rows are
/// loaded aside — the slow, remote part, holding no lock on the target — and then moved in one local
/// transaction (DELETE or TRUNCATE, then INSERT … SELECT from staging): readers see the old rows until commit.
/// </para>
/// </summary>
internal sealed partial class PostgreSqlStaging(PostgreSqlEngine engine) : IStagingSwitch
{
    private sealed record Partition(QualifiedName Name, string Lower, string Upper);

    private sealed record Layout(string? Key, string? KeyType, IReadOnlyList<Partition> Partitions, string? Reason);

    public async Task<StagingPreflight> PreflightAsync(DbConnection source, DbConnection target, TableSchema sourceTable, TableSchema targetTable, RefreshAction action, RowFilter? filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targetTable);
        var layout = await LayoutAsync(target, targetTable, action, filter, cancellationToken).ConfigureAwait(false);
        if (layout.Partitions.Count == 0)
        {
            return new StagingPreflight
            {
                Warnings = layout.Reason is null ? [] : [$"staging_partition_switch: {layout.Reason}; loading aside and moving the rows in one local transaction instead"],
                Steps =
                [
                    "load the source rows into a staging table (no lock held on the target meanwhile)",
                    $"in one transaction: {(action == RefreshAction.Full ? "empty the target" : "delete the target's window")}, INSERT … SELECT from staging, advance identity; readers keep the old rows until commit",
                    "drop the staging table",
                ],
            };
        }

        var blockers = new List<string>();
        var outside = await RowsOutsideAsync(source, sourceTable, layout, filter, cancellationToken).ConfigureAwait(false);
        if (outside > 0)
        {
            blockers.Add($"{outside} source row(s) fall outside every partition of {targetTable.Name} on {layout.Key}; create partitions for them in the target first");
        }

        var names = string.Join(", ", layout.Partitions.Select(p => p.Name.Name));
        return new StagingPreflight
        {
            Blockers = blockers,
            Steps =
            [
                $"rebuild {layout.Partitions.Count} partition(s) aside ({names}): a standalone table each with a CHECK on its bound, loaded from the source, then indexed",
                $"in one transaction (lock_timeout bounds it): DETACH and DROP each old partition, ATTACH its replacement",
                "other partitions are not touched",
            ],
        };
    }

    public async Task<StagingOutcome> RunAsync(StagingRequest request, IProgress<long> progress, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(log);
        var layout = await LayoutAsync(request.Target, request.TargetTable, request.Action, request.Filter, cancellationToken, request.SwapTransaction).ConfigureAwait(false);
        return layout.Partitions.Count == 0
            ? await LoadAsideAsync(request, progress, log, cancellationToken).ConfigureAwait(false)
            : await SwapPartitionsAsync(request, layout, progress, log, cancellationToken).ConfigureAwait(false);
    }

    public Task<int> DropStagingAsync(DbConnection target, DbTransaction? transaction, string? runTag, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT n.nspname, c.relname,
                   EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.application_name LIKE 'DataRefresh run ' || substr(c.relname, 11, 8) || '%' AND a.pid <> pg_backend_pid())
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND c.relname LIKE '\_dr\_stage\_%' AND NOT c.relispartition
            """;
        return StagingLeftovers.DropAsync(target, transaction, sql, table => $"DROP TABLE IF EXISTS {Quote(table)}", runTag, cancellationToken);
    }

    private async Task<StagingOutcome> LoadAsideAsync(StagingRequest request, IProgress<long> progress, Action<string> log, CancellationToken cancellationToken)
    {
        var target = request.TargetTable;
        var stage = new QualifiedName(target.Name.Schema, $"{IStagingSwitch.Prefix}{request.RunTag}_0");
        await request.Loader.ExecuteAsync(null, $"CREATE TABLE {Quote(stage)} (LIKE {Quote(target.Name)} INCLUDING DEFAULTS)", cancellationToken).ConfigureAwait(false);
        var copied = await engine.CopyAsync(Copy(request, stage, null, request.RowLimit), progress, cancellationToken).ConfigureAwait(false);
        log($"{copied} row(s) loaded into staging {stage}");

        await SetSwapTimeoutAsync(request, cancellationToken).ConfigureAwait(false);
        long deleted = 0;
        if (request.Action == RefreshAction.Full)
        {
            deleted = await engine.EmptyAsync(request.Target, request.SwapTransaction, target.Name, request.Truncate, request.CommandTimeout, cancellationToken).ConfigureAwait(false);
        }
        else if (request.DeleteFilter is { } window)
        {
            deleted = await engine.DeleteAsync(request.Target, request.SwapTransaction, target.Name, window, request.CommandTimeout, cancellationToken).ConfigureAwait(false);
        }

        var columns = string.Join(", ", request.Columns.Select(Quote));
        var overriding = target.Columns.Any(c => c.Identity == IdentityKind.Always) ? " OVERRIDING SYSTEM VALUE" : "";
        await request.Target.ExecuteAsync(request.SwapTransaction, $"INSERT INTO {Quote(target.Name)} ({columns}){overriding} SELECT {columns} FROM {Quote(stage)}", cancellationToken, request.CommandTimeout).ConfigureAwait(false);
        log($"{deleted} row(s) removed and {copied} moved in from staging, in the refresh transaction");
        return new StagingOutcome(copied, deleted);
    }

    private async Task<StagingOutcome> SwapPartitionsAsync(StagingRequest request, Layout layout, IProgress<long> progress, Action<string> log, CancellationToken cancellationToken)
    {
        var parent = request.TargetTable;
        var indexes = await IndexDefinitionsAsync(request.Loader, parent.Name, cancellationToken).ConfigureAwait(false);
        var staged = new List<(Partition Old, QualifiedName Stage)>();
        long copied = 0;
        foreach (var (partition, i) in layout.Partitions.Select((p, i) => (p, i)))
        {
            var stage = new QualifiedName(partition.Name.Schema, $"{IStagingSwitch.Prefix}{request.RunTag}_{i}");
            var bound = BoundCondition(layout, partition);
            await request.Loader.ExecuteAsync(null, $"CREATE TABLE {Quote(stage)} (LIKE {Quote(partition.Name)} INCLUDING DEFAULTS INCLUDING GENERATED INCLUDING STORAGE INCLUDING COMPRESSION)", cancellationToken).ConfigureAwait(false);
            await request.Loader.ExecuteAsync(null, $"ALTER TABLE {Quote(stage)} ADD CONSTRAINT {Quote($"{IStagingSwitch.Prefix}{request.RunTag}_bound_{i}")} CHECK ({bound})", cancellationToken).ConfigureAwait(false);
            var offset = copied;
            var rows = await engine.CopyAsync(Copy(request, stage, bound, null), new OffsetProgress(progress, offset), cancellationToken).ConfigureAwait(false);
            copied += rows;
            log($"partition {partition.Name.Name}: building indexes on {stage.Name}");
            foreach (var index in indexes)
            {
                await request.Loader.ExecuteAsync(null, index(stage), cancellationToken, request.CommandTimeout).ConfigureAwait(false);
            }

            log($"partition {partition.Name.Name}: {rows} row(s) staged in {stage.Name} and indexed");
            staged.Add((partition, stage));
        }

        // Count what goes before the first DETACH locks the parent, so readers wait only for metadata changes.
        long deleted = 0;
        foreach (var (old, _) in staged)
        {
            deleted += await engine.CountAsync(request.Target, request.SwapTransaction, old.Name, null, cancellationToken).ConfigureAwait(false);
        }

        await SetSwapTimeoutAsync(request, cancellationToken).ConfigureAwait(false);
        foreach (var (old, stage) in staged)
        {
            await request.Target.ExecuteAsync(request.SwapTransaction, $"ALTER TABLE {Quote(parent.Name)} DETACH PARTITION {Quote(old.Name)}", cancellationToken).ConfigureAwait(false);
            await request.Target.ExecuteAsync(request.SwapTransaction, $"DROP TABLE {Quote(old.Name)}", cancellationToken).ConfigureAwait(false);
            await request.Target.ExecuteAsync(request.SwapTransaction, $"ALTER TABLE {Quote(stage)} RENAME TO {Quote(old.Name.Name)}", cancellationToken).ConfigureAwait(false);
            await request.Target.ExecuteAsync(request.SwapTransaction, $"ALTER TABLE {Quote(parent.Name)} ATTACH PARTITION {Quote(old.Name)} FOR VALUES FROM ({old.Lower}) TO ({old.Upper})", cancellationToken).ConfigureAwait(false);
            await TidyAsync(request, stage, old.Name, cancellationToken).ConfigureAwait(false);
        }

        log($"{staged.Count} partition(s) swapped in; {deleted} old row(s) dropped with them");
        return new StagingOutcome(copied, deleted);
    }

    /// <summary>
    /// The attached partition keeps the old one's name; its indexes take names derived from it too, and the bound
    /// CHECK (redundant once attached) goes, so nothing named after staging stays behind.
    /// </summary>
    private static async Task TidyAsync(StagingRequest request, QualifiedName stage, QualifiedName partition, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT 'i', ic.relname FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid WHERE i.indrelid = @table::regclass AND starts_with(ic.relname, @prefix)
            UNION ALL
            SELECT 'c', conname FROM pg_constraint WHERE conrelid = @table::regclass AND contype = 'c' AND starts_with(conname, @prefix)
            """;
        var renames = new List<(string Kind, string Name)>();
        await using (var command = request.Target.Command(request.SwapTransaction, sql, null, ("table", Quote(partition)), ("prefix", stage.Name)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                renames.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (kind, name) in renames)
        {
            var statement = kind == "c"
                ? $"ALTER TABLE {Quote(partition)} DROP CONSTRAINT {Quote(name)}"
                : $"ALTER INDEX {Quote(new QualifiedName(partition.Schema, name))} RENAME TO {Quote(Truncate63(partition.Name + name[stage.Name.Length..]))}";
            await request.Target.ExecuteAsync(request.SwapTransaction, statement, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>PostgreSQL cuts names at 63 bytes; cut them ourselves, keeping them distinct.</summary>
    private static string Truncate63(string name) =>
        System.Text.Encoding.UTF8.GetByteCount(name) <= 63 ? name : $"{name[..40]}_{(uint)name.GetHashCode(StringComparison.Ordinal):x8}";

    private static CopyRequest Copy(StagingRequest request, QualifiedName stage, string? predicate, long? rowLimit) => new()
    {
        Source = request.Source,
        SourceTransaction = request.SourceTransaction,
        Target = request.Loader,
        TargetTransaction = null!,
        SourceTable = request.SourceTable,
        TargetTable = request.TargetTable with { Name = stage },
        Columns = request.Columns,
        Filter = predicate is null ? request.Filter : null,
        SourcePredicate = predicate,
        RowLimit = rowLimit,
        BatchSize = request.BatchSize,
        CommandTimeout = request.CommandTimeout,
    };

    private static async Task SetSwapTimeoutAsync(StagingRequest request, CancellationToken cancellationToken) =>
        await request.Target.ExecuteAsync(request.SwapTransaction, "SELECT set_config('lock_timeout', @ms, true)", cancellationToken, null, ("ms", $"{(long)request.SwapTimeout.TotalMilliseconds}ms")).ConfigureAwait(false);

    private static string BoundCondition(Layout layout, Partition p)
    {
        var key = Quote(layout.Key!);
        var parts = new List<string> { $"{key} IS NOT NULL" };
        if (!p.Lower.Equals("MINVALUE", StringComparison.OrdinalIgnoreCase))
        {
            parts.Add($"{key} >= {p.Lower}::{layout.KeyType}");
        }

        if (!p.Upper.Equals("MAXVALUE", StringComparison.OrdinalIgnoreCase))
        {
            parts.Add($"{key} < {p.Upper}::{layout.KeyType}");
        }

        return string.Join(" AND ", parts);
    }

    /// <summary>Which partitions a refresh rebuilds, or none (with the reason) when the partition-wise swap does not apply.</summary>
    private static async Task<Layout> LayoutAsync(DbConnection target, TableSchema table, RefreshAction action, RowFilter? filter, CancellationToken cancellationToken, DbTransaction? transaction = null)
    {
        if (!table.IsPartitioned)
        {
            return new Layout(null, null, [], null);
        }

        const string keySql = """
            SELECT pt.partstrat::text, pt.partnatts, a.attname, format_type(a.atttypid, a.atttypmod)
            FROM pg_partitioned_table pt LEFT JOIN pg_attribute a ON a.attrelid = pt.partrelid AND a.attnum = pt.partattrs[0]
            WHERE pt.partrelid = @table::regclass
            """;
        string? key = null, keyType = null, strategy = null;
        short keys = 0;
        await using (var command = target.Command(transaction, keySql, null, ("table", Quote(table.Name))))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                (strategy, keys) = (reader.GetString(0), reader.GetInt16(1));
                (key, keyType) = reader.IsDBNull(2) ? (null, null) : (reader.GetString(2), reader.GetString(3));
            }
        }

        if (strategy != "r" || keys != 1 || key is null)
        {
            return new Layout(null, null, [], "the target is not RANGE-partitioned on a single column");
        }

        if (action == RefreshAction.Incremental && filter is not null && filter.Column != key)
        {
            return new Layout(null, null, [], $"the target is partitioned on {key}, not on the incremental column {filter.Column}");
        }

        if (table.ReferencedBy.Count > 0)
        {
            return new Layout(null, null, [], "foreign keys reference the target, and detaching a partition would check them row by row");
        }

        const string partitionsSql = """
            SELECT n.nspname, c.relname, pg_get_expr(c.relpartbound, c.oid), c.relkind::text
            FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE i.inhparent = @table::regclass
            ORDER BY n.nspname, c.relname
            """;
        var partitions = new List<Partition>();
        await using (var command = target.Command(transaction, partitionsSql, null, ("table", Quote(table.Name))))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var bound = BoundPattern().Match(reader.GetString(2));
                if (!bound.Success || reader.GetString(3) != "r")
                {
                    return new Layout(null, null, [], $"partition {reader.GetString(1)} is a default or sub-partitioned partition");
                }

                partitions.Add(new Partition(new QualifiedName(reader.GetString(0), reader.GetString(1)), bound.Groups[1].Value, bound.Groups[2].Value));
            }
        }

        if (partitions.Count == 0)
        {
            return new Layout(null, null, [], "the target has no partitions");
        }

        // A full refresh rebuilds every partition; an incremental one only those whose range reaches the window.
        var touched = new List<Partition>();
        foreach (var p in partitions)
        {
            var reaches = action == RefreshAction.Full || filter is null || p.Upper.Equals("MAXVALUE", StringComparison.OrdinalIgnoreCase)
                || await target.ScalarAsync(transaction, $"SELECT {p.Upper}::{keyType} > {Literal(filter.Value)}", cancellationToken).ConfigureAwait(false) is true;
            if (reaches)
            {
                touched.Add(p);
            }
        }

        return new Layout(key, keyType, touched, touched.Count == 0 ? "no partition reaches the window" : null);
    }

    /// <summary>Source rows (within the window) that no partition of the target would accept.</summary>
    private static async Task<long> RowsOutsideAsync(DbConnection source, TableSchema sourceTable, Layout layout, RowFilter? filter, CancellationToken cancellationToken)
    {
        var inside = string.Join(" OR ", layout.Partitions.Select(p => $"({BoundCondition(layout, p)})"));
        var window = filter is null ? "" : $"{Quote(filter.Column)} {Operator(filter)} {Literal(filter.Value)} AND ";
        var sql = $"SELECT count(*) FROM {Quote(sourceTable.Name)} WHERE {window}NOT ({inside})";
        return Convert.ToInt64(await source.ScalarAsync(null, sql, cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The parent's indexes, as statements that build the same on a staging table, so ATTACH adopts them instead of
    /// building its own: primary keys and unique constraints as constraints (ATTACH only adopts a constraint's index
    /// for a constraint), other indexes as indexes.
    /// </summary>
    private static async Task<List<Func<QualifiedName, string>>> IndexDefinitionsAsync(DbConnection connection, QualifiedName parent, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT pg_get_indexdef(i.indexrelid), format('%I.%I', n.nspname, c.relname), pg_get_constraintdef(k.oid)
            FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_constraint k ON k.conindid = i.indexrelid AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u')
            WHERE i.indrelid = @table::regclass
            """;
        var definitions = new List<Func<QualifiedName, string>>();
        await using var command = connection.Command(null, sql, null, ("table", Quote(parent)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!reader.IsDBNull(2))
            {
                var constraint = reader.GetString(2);
                definitions.Add(stage => $"ALTER TABLE {Quote(stage)} ADD {constraint}");
                continue;
            }

            var definition = reader.GetString(0);
            var on = $" ON ONLY {reader.GetString(1)} USING ";
            var at = definition.IndexOf(on, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var unique = definition.StartsWith("CREATE UNIQUE INDEX", StringComparison.Ordinal) ? "UNIQUE " : "";
            var rest = definition[(at + on.Length)..];
            definitions.Add(stage => $"CREATE {unique}INDEX ON {Quote(stage)} USING {rest}");
        }

        return definitions;
    }

    [GeneratedRegex(@"^FOR VALUES FROM \((.+)\) TO \((.+)\)$")]
    private static partial Regex BoundPattern();

    private sealed class OffsetProgress(IProgress<long> inner, long offset) : IProgress<long>
    {
        public void Report(long value) => inner.Report(offset + value);
    }
}
