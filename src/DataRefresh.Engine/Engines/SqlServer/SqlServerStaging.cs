using System.Data.Common;
using System.Globalization;
using DataRefresh.Catalog;
using DataRefresh.Planning;
using DataRefresh.Staging;
using static DataRefresh.Engines.SqlServer.SqlServerSql;
using static DataRefresh.Engines.SqlServer.SqlServerStagingSql;

namespace DataRefresh.Engines.SqlServer;

/// <summary>
/// staging_partition_switch on SQL Server. The staging table is generated from the target's catalog — same columns
/// in order, types, collations, nullability, identity, computed columns, the same filegroup or partition scheme
/// (so it is partition-aligned and needs no CHECK on the partitioning column), the clustered key built before the
/// load and the other indexes and CHECK constraints after it. Then, in the refresh transaction:
/// <list type="bullet">
/// <item>a non-partitioned target's rows are switched out to an identical, empty scratch table and staging is
/// switched in; the scratch goes after commit;</item>
/// <item>a partitioned target gets, for each partition the refresh empties, TRUNCATE … WITH (PARTITIONS (n)) and
/// SWITCH PARTITION n. An incremental refresh leaves the partitions below its window alone, and the one holding the
/// window's bound (or the watermark) keeps its rows below it: its window rows are deleted and the source's bulk-copied
/// in from staging — exactly the rows simple_copy would delete and copy.</item>
/// </list>
/// Every SWITCH waits at low priority (ABORT_AFTER_WAIT = SELF), and LOCK_TIMEOUT bounds the TRUNCATE, so a long
/// UAT reader makes the refresh give up cleanly instead of queueing everyone behind a schema lock.
/// </summary>
internal sealed class SqlServerStaging(SqlServerEngine engine) : IStagingSwitch
{
    public async Task<StagingPreflight> PreflightAsync(DbConnection source, DbConnection target, TableSchema sourceTable, TableSchema targetTable, RefreshAction action, RowFilter? filter, RowFilter? deleteFilter, long? rowLimit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targetTable);
        var layout = await ReadLayoutAsync(target, targetTable, null, cancellationToken).ConfigureAwait(false);
        var blockers = layout.Blockers.ToList();
        var space = layout.DataSpace;
        if (action == RefreshAction.Incremental && (!space.IsScheme || filter is null || !string.Equals(space.PartitionColumn, filter.Column, StringComparison.OrdinalIgnoreCase)))
        {
            blockers.Add($"an incremental staged refresh switches partitions, so the target must be partitioned on the incremental column{(space.IsScheme ? $" (it is partitioned on {space.PartitionColumn})" : " (it is not partitioned)")}; use simple_copy for this table");
        }

        var steps = new List<string>
        {
            $"create staging from the catalog on {(space.IsScheme ? $"partition scheme {space.Name}({space.PartitionColumn})" : $"filegroup {space.Name}")}, clustered key first",
            $"bulk-load the source rows{(filter is null ? "" : $" with {engine.DescribeFilter(filter)}")} into staging (no lock on the target meanwhile), then build the other indexes and CHECK constraints",
        };
        if (!space.IsScheme)
        {
            steps.Add("in one transaction: SWITCH the target's rows out to an empty scratch table and SWITCH staging in (WAIT_AT_LOW_PRIORITY); drop the scratch after commit");
        }
        else if (action == RefreshAction.Full || blockers.Count > 0)
        {
            steps.Add("in one transaction: TRUNCATE … WITH (PARTITIONS (1 TO n)) and SWITCH PARTITION n for every partition (WAIT_AT_LOW_PRIORITY)");
        }
        else
        {
            var first = filter is null ? 1 : await PartitionOfAsync(target, null, space.PartitionFunction!, filter, cancellationToken).ConfigureAwait(false);
            var last = space.Partitions;
            if (first > 1)
            {
                steps.Add($"{Partitions(1, first - 1)}: untouched (wholly below the {(deleteFilter is null ? "watermark" : "bound")})");
            }

            steps.Add(deleteFilter is null
                ? $"partition {first}: its rows stay; in the refresh transaction the source's newer rows for it are bulk-copied from staging, as simple_copy loads them"
                : $"partition {first} (it holds the bound): in the refresh transaction, DELETE its rows with {engine.DescribeFilter(deleteFilter)} and bulk-copy the source's rows for it from staging, as simple_copy loads them; its rows below the bound stay");
            if (first < last)
            {
                steps.Add(deleteFilter is null
                    ? $"{Partitions(first + 1, last)}: nothing to delete (no target rows are above the watermark); SWITCH PARTITION n from staging (WAIT_AT_LOW_PRIORITY)"
                    : $"{Partitions(first + 1, last)}: TRUNCATE … WITH (PARTITIONS ({first + 1} TO {last})) and SWITCH PARTITION n from staging (WAIT_AT_LOW_PRIORITY)");
            }
        }

        return new StagingPreflight { Steps = steps, Blockers = blockers };
    }

    /// <summary>
    /// The partition holding the filter's bound, the bound typed like the partitioning column: an untyped DateTime
    /// would go as datetime, and 23:59:59.9999999 would round into the next day's partition.
    /// </summary>
    private static async Task<int> PartitionOfAsync(DbConnection target, DbTransaction? transaction, string function, RowFilter filter, CancellationToken cancellationToken)
    {
        await using var command = target.Command(transaction, PartitionOf(function));
        command.Parameters.Add(SqlServerTypes.Typed("bound", filter.Value, filter.ColumnType));
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    private static string Partitions(int from, int to) => from == to ? $"partition {from}" : $"partitions {from} to {to}";

    public async Task<StagingOutcome> RunAsync(StagingRequest request, IProgress<long> progress, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(log);
        var target = request.TargetTable.Name;
        var layout = await ReadLayoutAsync(request.Target, request.TargetTable, request.SwapTransaction, cancellationToken).ConfigureAwait(false);
        if (layout.Blockers.Count > 0)
        {
            throw new InvalidOperationException("staging_partition_switch pre-flight: " + string.Join("; ", layout.Blockers));
        }

        var space = layout.DataSpace;
        var stage = new QualifiedName(target.Schema, $"{IStagingSwitch.Prefix}{request.RunTag}_0");
        // Staging gets exactly the source rows simple_copy would copy. The partition holding the window's bound (or
        // the watermark) keeps the target's rows below it, so it is not switched: its rows come from staging by bulk copy.
        var incremental = space.IsScheme && request.Action == RefreshAction.Incremental;
        var first = incremental && request.Filter is { } window
            ? await PartitionOfAsync(request.Target, request.SwapTransaction, space.PartitionFunction!, window, cancellationToken).ConfigureAwait(false)
            : 1;
        var load = request.Action == RefreshAction.Full ? null : request.Filter;

        await BuildAsync(request.Loader, stage, layout, BeforeLoad(stage, layout), request.CommandTimeout, cancellationToken).ConfigureAwait(false);
        var copied = await engine.CopyAsync(
            new CopyRequest
            {
                Source = request.Source,
                SourceTransaction = request.SourceTransaction,
                Target = request.Loader,
                TargetTransaction = null!,
                SourceTable = request.SourceTable,
                TargetTable = request.TargetTable with { Name = stage },
                Columns = request.Columns,
                Filter = load,
                RowLimit = request.RowLimit,
                BatchSize = request.BatchSize,
                CommandTimeout = request.CommandTimeout,
            },
            progress,
            cancellationToken).ConfigureAwait(false);
        foreach (var statement in AfterLoad(stage, layout))
        {
            await request.Loader.ExecuteAsync(null, statement, cancellationToken, request.CommandTimeout).ConfigureAwait(false);
        }

        log($"{copied} row(s) loaded into staging {stage.Name} and indexed");
        var tx = request.SwapTransaction;
        await request.Target.ExecuteAsync(tx, SetLockTimeout(request.SwapTimeout), cancellationToken).ConfigureAwait(false);
        long deleted;
        try
        {
            deleted = await SwapAsync(request, layout, stage, first, incremental, log, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The swap failed and the transaction will roll back; the session may go back to the pool. Best effort:
            // the swap's error is the one to report.
            await TryResetLockTimeoutAsync(request.Target, tx).ConfigureAwait(false);
            throw;
        }

        await request.Target.ExecuteAsync(tx, ResetLockTimeout, cancellationToken).ConfigureAwait(false);
        return new StagingOutcome(copied, deleted);
    }

    private static async Task TryResetLockTimeoutAsync(DbConnection target, DbTransaction tx)
    {
        try
        {
            if (target.State == System.Data.ConnectionState.Open)
            {
                await target.ExecuteAsync(tx.Connection is null ? null : tx, ResetLockTimeout, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
            // A broken session is discarded anyway; a doomed transaction is rolled back by the caller.
        }
    }

    /// <summary>The swap itself, inside the refresh transaction and under the swap's lock timeout: the rows it removed.</summary>
    private async Task<long> SwapAsync(StagingRequest request, SqlServerLayout layout, QualifiedName stage, int first, bool incremental, Action<string> log, CancellationToken cancellationToken)
    {
        var target = request.TargetTable.Name;
        var space = layout.DataSpace;
        var tx = request.SwapTransaction;
        long deleted;
        if (space.IsScheme)
        {
            // Switched partitions: every target row in them goes (none, with nothing to delete: SWITCH needs them empty).
            var switched = incremental ? first + 1 : 1;
            deleted = 0;
            if (switched <= space.Partitions && (!incremental || request.DeleteFilter is not null))
            {
                deleted = Convert.ToInt64(await request.Target.ScalarAsync(tx, PartitionRowsFrom, cancellationToken, null, ("table", Quote(target)), ("first", switched)).ConfigureAwait(false), CultureInfo.InvariantCulture);
                await request.Target.ExecuteAsync(tx, TruncatePartitions(target, switched, space.Partitions), cancellationToken).ConfigureAwait(false);
            }

            if (incremental)
            {
                if (request.DeleteFilter is { } delete)
                {
                    // Only partition `first` still has rows in the window.
                    deleted += await engine.DeleteAsync(request.Target, tx, target, delete, request.CommandTimeout, cancellationToken).ConfigureAwait(false);
                }

                await engine.CopyAsync(
                    new CopyRequest
                    {
                        Source = request.Loader,
                        Target = request.Target,
                        TargetTransaction = tx,
                        SourceTable = request.TargetTable with { Name = stage },
                        TargetTable = request.TargetTable,
                        Columns = request.Columns,
                        SourcePredicate = InPartition(space.PartitionFunction!, space.PartitionColumn!, first),
                        BatchSize = request.BatchSize,
                        CommandTimeout = request.CommandTimeout,
                    },
                    new Progress<long>(),
                    cancellationToken).ConfigureAwait(false);
                log($"partition {first}: {(request.DeleteFilter is null ? "its rows kept" : "its window rows deleted")} and the source's bulk-copied in from staging");
            }

            for (var n = switched; n <= space.Partitions; n++)
            {
                await request.Target.ExecuteAsync(tx, SwitchPartition(stage, target, n, request.SwapTimeout), cancellationToken).ConfigureAwait(false);
            }

            log($"{(switched <= space.Partitions ? $"partitions {switched} to {space.Partitions} switched in" : "no partition switched")}; {deleted} old row(s) removed in all");
        }
        else
        {
            var scratch = new QualifiedName(target.Schema, $"{IStagingSwitch.Prefix}{request.RunTag}_old");
            await BuildAsync(request.Loader, scratch, layout, [.. BeforeLoad(scratch, layout), .. AfterLoad(scratch, layout)], request.CommandTimeout, cancellationToken).ConfigureAwait(false);
            deleted = await engine.CountAsync(request.Target, tx, target, null, cancellationToken).ConfigureAwait(false);
            await request.Target.ExecuteAsync(tx, SwitchTable(target, scratch, request.SwapTimeout), cancellationToken).ConfigureAwait(false);
            await request.Target.ExecuteAsync(tx, SwitchTable(stage, target, request.SwapTimeout), cancellationToken).ConfigureAwait(false);
            log($"staging switched in; {deleted} old row(s) switched out to {scratch.Name}");
        }

        return deleted;
    }

    public Task<int> DropStagingAsync(DbConnection target, DbTransaction? transaction, string? runTag, CancellationToken cancellationToken) =>
        StagingLeftovers.DropAsync(target, transaction, StagingTables, Drop, runTag, cancellationToken);

    private static async Task BuildAsync(DbConnection loader, QualifiedName table, SqlServerLayout layout, IEnumerable<string> indexes, int timeout, CancellationToken cancellationToken)
    {
        await loader.ExecuteAsync(null, CreateTable(table, layout), cancellationToken, timeout).ConfigureAwait(false);
        foreach (var statement in indexes)
        {
            await loader.ExecuteAsync(null, statement, cancellationToken, timeout).ConfigureAwait(false);
        }
    }

    /// <summary>The target's storage as the catalog describes it, and whatever would make SWITCH refuse it.</summary>
    private static async Task<SqlServerLayout> ReadLayoutAsync(DbConnection connection, TableSchema table, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var quoted = Quote(table.Name);
        var blockers = new List<string>();
        var columns = new List<SqlServerColumn>();
        await using (var command = connection.Command(transaction, LayoutColumns, null, ("table", quoted)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                columns.Add(new SqlServerColumn(
                    reader.GetString(0),
                    TypeName(reader.GetString(2), reader.GetInt16(3), reader.GetByte(4), reader.GetByte(5)),
                    reader.IsDBNull(6) ? null : reader.GetString(6),
                    reader.GetBoolean(7),
                    reader.IsDBNull(8) ? null : reader.GetString(8),
                    reader.IsDBNull(9) ? null : reader.GetString(9),
                    reader.IsDBNull(10) ? null : reader.GetString(10),
                    reader.GetBoolean(11),
                    reader.GetBoolean(12)));
            }
        }

        SqlServerDataSpace space = new("PRIMARY", false, null, null, false, []);
        await using (var command = connection.Command(transaction, LayoutDataSpace, null, ("table", quoted)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                space = new SqlServerDataSpace(reader.GetString(0), reader.GetBoolean(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetBoolean(4), []);
            }
        }

        if (space is { IsScheme: true, PartitionFunction: { } function })
        {
            var boundaries = new List<object>();
            await using var command = connection.Command(transaction, LayoutBoundaries, null, ("function", function));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                boundaries.Add(reader.GetValue(0));
            }

            space = space with { Boundaries = boundaries };
        }

        var indexes = new List<SqlServerIndex>();
        await using (var command = connection.Command(transaction, LayoutIndexes, null, ("table", quoted)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var name = reader.GetString(0);
                if (reader.GetByte(9) is not (1 or 2))
                {
                    blockers.Add($"index {name} is of a kind staging does not rebuild (XML, spatial or columnstore)");
                }

                if (!reader.GetBoolean(10))
                {
                    blockers.Add($"index {name} is not aligned with the table's storage; SWITCH needs every index aligned with the table");
                }

                var index = indexes.FirstOrDefault(i => i.Name == name);
                if (index is null)
                {
                    index = new SqlServerIndex(name, reader.GetBoolean(1), reader.GetBoolean(2), reader.GetBoolean(3), reader.GetBoolean(4), [], [], reader.IsDBNull(5) ? null : reader.GetString(5));
                    indexes.Add(index);
                }

                var column = reader.GetString(6);
                indexes[indexes.IndexOf(index)] = reader.GetBoolean(8)
                    ? index with { Includes = [.. index.Includes, column] }
                    : index with { Keys = [.. index.Keys, (column, reader.GetBoolean(7))] };
            }
        }

        var checks = new List<(string, string)>();
        await using (var command = connection.Command(transaction, LayoutChecks, null, ("table", quoted)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                checks.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        await using (var command = connection.Command(transaction, SchemaBoundDependents, null, ("table", quoted)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                blockers.Add($"{reader.GetString(0)} is schema-bound to the table; SWITCH refuses tables with schema-bound dependents");
            }
        }

        if (table.ReferencedBy.Count > 0)
        {
            blockers.Add($"foreign key {table.ReferencedBy[0].Name} from {table.ReferencedBy[0].From} references the table; SWITCH refuses a referenced target");
        }

        if (table.References.Count > 0)
        {
            blockers.Add($"the table has foreign key {table.References[0].Name}; staging does not recreate foreign keys, so SWITCH would refuse it");
        }

        if (table.IsSystemVersioned)
        {
            blockers.Add("the table is system-versioned (temporal); SWITCH into it is refused; use simple_copy");
        }

        return new SqlServerLayout(columns, space, indexes, checks, blockers);
    }
}
