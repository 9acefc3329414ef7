using System.Data.Common;
using System.Globalization;
using DataRefresh.Catalog;
using DataRefresh.Events;
using DataRefresh.Execution;
using DataRefresh.Planning;
using DataRefresh.Staging;
using static DataRefresh.Engines.SqlServer.SqlServerSql;
using static DataRefresh.Engines.SqlServer.SqlServerStagingSql;

namespace DataRefresh.Engines.SqlServer;

/// <summary>
/// staging_partition_switch on SQL Server. The staging table is generated from the target's catalog — same columns
/// in order, types, collations, nullability, identity (and NOT FOR REPLICATION), computed columns, sparse columns
/// and the column set, ROWGUIDCOL, typed XML, ANSI_PADDING, DEFAULT constraints (simple_copy's bulk load fills columns
/// it does not copy from them), the same filegroup or partition scheme (so it is partition-aligned and needs no CHECK
/// on the partitioning column), the LOB filegroup, large value types out of row and text in row, data compression per
/// partition, the clustered key built before the load and the other indexes and CHECK constraints (in the target's
/// trust and enabled state, NOT FOR REPLICATION kept) after it. What cannot be reproduced blocks the table in the plan.
/// Then, in the refresh transaction:
/// <list type="bullet">
/// <item>a non-partitioned target's rows are switched out to an identical, empty scratch table and staging is
/// switched in; the scratch goes after commit;</item>
/// <item>a partitioned target gets, for each partition the refresh empties, TRUNCATE … WITH (PARTITIONS (n)) and
/// SWITCH PARTITION n. An incremental refresh leaves the partitions below its window alone, and the one holding the
/// window's bound (or the watermark) keeps its rows below it: its window rows are deleted and the source's bulk-copied
/// in from staging — exactly the rows simple_copy would delete and copy.</item>
/// </list>
/// After the swap, UPDATE STATISTICS rebuilds the table's statistics (all of them, default sampling), in the same
/// transaction: the table's statistics still describe the rows switched out, and an automatic update is not to be
/// counted on (SWITCH is a metadata change, not row modifications).
/// Every SWITCH waits at low priority (ABORT_AFTER_WAIT = SELF), and LOCK_TIMEOUT bounds the TRUNCATE, so a long
/// UAT reader makes the refresh give up cleanly instead of queueing everyone behind a schema lock.
/// </summary>
internal sealed class SqlServerStaging(SqlServerEngine engine) : IStagingSwitch
{
    public async Task<StagingPreflight> PreflightAsync(DbConnection source, DbConnection target, TableSchema sourceTable, TableSchema targetTable, RefreshAction action, RowFilter? filter, RowFilter? deleteFilter, long? rowLimit, int loadParallelism, CancellationToken cancellationToken)
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
            $"create staging from the catalog on {(space.IsScheme ? $"partition scheme {space.Name}({space.PartitionColumn})" : $"filegroup {space.Name}")} with the target's defaults, data compression, sparse columns and column set, ROWGUIDCOL, typed XML, ANSI_PADDING, LOB options and NOT FOR REPLICATION, clustered key first",
            $"bulk-load the source rows{(filter is null ? "" : $" with {engine.DescribeFilter(filter)}")} into staging (no lock on the target meanwhile), then build the other indexes and CHECK constraints (checked, then left trusted, untrusted or disabled as the target's are)",
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

        steps.Add("in the same transaction, after the swap: UPDATE STATISTICS on the target (every statistic on the table, default sampling; the switched rows bring none)");
        return new StagingPreflight { Steps = steps, Blockers = blockers, EmptiesTarget = false };
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

    public async Task<StagingOutcome> RunAsync(StagingRequest request, IProgress<long> progress, StagingLog log, CancellationToken cancellationToken)
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
        var stage = new QualifiedName(target.Schema, request.RunTag.Name("0"));
        // Staging gets exactly the source rows simple_copy would copy. The partition holding the window's bound (or
        // the watermark) keeps the target's rows below it, so it is not switched: its rows come from staging by bulk copy.
        var incremental = space.IsScheme && request.Action == RefreshAction.Incremental;
        var first = incremental && request.Filter is { } window
            ? await PartitionOfAsync(request.Target, request.SwapTransaction, space.PartitionFunction!, window, cancellationToken).ConfigureAwait(false)
            : 1;

        await BuildAsync(request.Loader, stage, layout, BeforeLoad(stage, layout), request.CommandTimeout, cancellationToken).ConfigureAwait(false);
        var copied = await engine.CopyAsync(Load(request, stage), progress, cancellationToken).ConfigureAwait(false);
        foreach (var statement in AfterLoad(stage, layout))
        {
            await request.Loader.ExecuteAsync(null, statement, cancellationToken, request.CommandTimeout).ConfigureAwait(false);
        }

        log(RefreshStep.Copy, copied, $"{copied} row(s) loaded into staging {stage.Name} and indexed");
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

    /// <summary>
    /// The table's copy (its filter, columns, transform…) into the staging table on the loader session. A full
    /// refresh reads every source row whatever filter the decision carried, as simple_copy's full copy does.
    /// </summary>
    internal static CopyRequest Load(StagingRequest request, QualifiedName stage) =>
        request.Copy.Into(request.Loader, null, stage) with { Filter = request.Action == RefreshAction.Full ? null : request.Filter };

    /// <summary>Staging's rows of partition <paramref name="partition"/> (already transformed when they were loaded) bulk-copied into the target in the refresh transaction.</summary>
    internal static CopyRequest MoveIn(StagingRequest request, QualifiedName stage, int partition, SqlServerDataSpace space) =>
        request.Copy.FromStaging(request.Loader, stage, InPartition(space.PartitionFunction!, space.PartitionColumn!, partition));

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
    private async Task<long> SwapAsync(StagingRequest request, SqlServerLayout layout, QualifiedName stage, int first, bool incremental, StagingLog log, CancellationToken cancellationToken)
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

                await engine.CopyAsync(MoveIn(request, stage, first, space), new Progress<long>(), cancellationToken).ConfigureAwait(false);
                log(RefreshStep.Swap, null, $"partition {first}: {(request.DeleteFilter is null ? "its rows kept" : "its window rows deleted")} and the source's bulk-copied in from staging");
            }

            for (var n = switched; n <= space.Partitions; n++)
            {
                await request.Target.ExecuteAsync(tx, SwitchPartition(stage, target, n, request.SwapTimeout), cancellationToken).ConfigureAwait(false);
            }

            log(RefreshStep.Swap, deleted, $"{(switched <= space.Partitions ? $"partitions {switched} to {space.Partitions} switched in" : "no partition switched")}; {deleted} old row(s) removed in all");
        }
        else
        {
            var scratch = new QualifiedName(target.Schema, request.RunTag.Name("old"));
            await BuildAsync(request.Loader, scratch, layout, [.. BeforeLoad(scratch, layout), .. AfterLoad(scratch, layout)], request.CommandTimeout, cancellationToken).ConfigureAwait(false);
            deleted = await engine.CountAsync(request.Target, tx, target, null, cancellationToken).ConfigureAwait(false);
            await request.Target.ExecuteAsync(tx, SwitchTable(target, scratch, request.SwapTimeout), cancellationToken).ConfigureAwait(false);
            await request.Target.ExecuteAsync(tx, SwitchTable(stage, target, request.SwapTimeout), cancellationToken).ConfigureAwait(false);
            log(RefreshStep.Swap, deleted, $"staging switched in; {deleted} old row(s) switched out to {scratch.Name}");
        }

        // SWITCH moves rows, not statistics: without this the optimizer keeps the old rows' histograms.
        await request.Target.ExecuteAsync(request.SwapTransaction, UpdateStatistics(target), cancellationToken, request.CommandTimeout).ConfigureAwait(false);
        log(RefreshStep.IndexBuild, null, "statistics of the target updated (UPDATE STATISTICS, every statistic on the table, default sampling)");

        return deleted;
    }

    public Task<int> DropStagingAsync(DbConnection target, DbTransaction? transaction, StagingTag? runTag, CancellationToken cancellationToken) =>
        StagingLeftovers.DropAsync(target, transaction, StagingTables, Drop, runTag, cancellationToken);

    private static async Task BuildAsync(DbConnection loader, QualifiedName table, SqlServerLayout layout, IEnumerable<string> indexes, int timeout, CancellationToken cancellationToken)
    {
        await loader.ExecuteAsync(null, CreateTable(table, layout), cancellationToken, timeout).ConfigureAwait(false);
        foreach (var statement in TableOptions(table, layout).Concat(indexes))
        {
            await loader.ExecuteAsync(null, statement, cancellationToken, timeout).ConfigureAwait(false);
        }
    }

    private static bool IsPaddable(string type) => type is "char" or "varchar" or "binary" or "varbinary";

    /// <summary>The target's storage as the catalog describes it, and whatever would make SWITCH refuse it.</summary>
    private static async Task<SqlServerLayout> ReadLayoutAsync(DbConnection connection, TableSchema table, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var quoted = Quote(table.Name);
        var blockers = new List<string>();
        var columns = new List<SqlServerColumn>();
        var paddable = new Dictionary<string, bool>(StringComparer.Ordinal);
        await using (var command = connection.Command(transaction, LayoutColumns, null, ("table", quoted)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var name = reader.GetString(0);
                var type = reader.GetString(2);
                var maxLength = reader.GetInt16(3);
                var typeName = !reader.IsDBNull(16) ? XmlType(new QualifiedName(reader.GetString(15), reader.GetString(16)), reader.GetBoolean(17)) : TypeName(type, maxLength, reader.GetByte(4), reader.GetByte(5));

                // ANSI_PADDING is kept per column for char, varchar, binary and varbinary (max too: the flag is reproduced
                // as the catalog has it); other types have no such setting.
                var padded = reader.GetBoolean(18) || !IsPaddable(type);
                if (reader.GetBoolean(21))
                {
                    blockers.Add($"column {name} has a default bound with sp_bindefault, which staging does not reproduce; use simple_copy or make it a DEFAULT constraint");
                }

                paddable.Add(name, IsPaddable(type));
                columns.Add(new SqlServerColumn(
                    name,
                    typeName,
                    reader.IsDBNull(6) ? null : reader.GetString(6),
                    reader.GetBoolean(7),
                    reader.IsDBNull(8) ? null : reader.GetString(8),
                    reader.IsDBNull(9) ? null : reader.GetString(9),
                    reader.IsDBNull(10) ? null : reader.GetString(10),
                    reader.GetBoolean(11),
                    reader.GetBoolean(12),
                    RowGuid: reader.GetBoolean(13),
                    AnsiPadded: padded,
                    Default: reader.IsDBNull(19) ? null : reader.GetString(19),
                    NotForReplication: reader.GetBoolean(20),
                    ColumnSet: reader.GetBoolean(14)));
            }
        }

        if (columns.Any(c => !c.AnsiPadded) && columns.Any(c => c.AnsiPadded && paddable[c.Name]))
        {
            blockers.Add($"columns {string.Join(", ", columns.Where(c => !c.AnsiPadded).Select(c => c.Name))} were created with ANSI_PADDING OFF and others with it ON; one CREATE TABLE cannot reproduce both and SWITCH compares it; use simple_copy");
        }

        var options = SqlServerTableOptions.None;
        await using (var command = connection.Command(transaction, LayoutTable, null, ("table", quoted)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                options = new SqlServerTableOptions([], reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetBoolean(0), reader.GetInt32(1));
                if (reader.GetBoolean(3))
                {
                    blockers.Add("the table has FILESTREAM data, which staging does not recreate; use simple_copy");
                }

                if (reader.GetBoolean(4))
                {
                    blockers.Add("the table is memory-optimized; SWITCH does not apply to memory-optimized tables; use simple_copy");
                }

                if (reader.GetBoolean(5))
                {
                    blockers.Add("the table is published for replication; SWITCH on a published table depends on the publication's allow_partition_switch and replicate_partition_switch options; use simple_copy");
                }
            }
        }

        var compression = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var tableCompression = new List<string>();
        await using (var command = connection.Command(transaction, LayoutCompression, null, ("table", quoted)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var kind = reader.GetString(3);
                var index = reader.IsDBNull(1) ? null : reader.GetString(1);
                if (kind is not ("NONE" or "ROW" or "PAGE"))
                {
                    blockers.Add($"{(index is null ? "the heap" : $"index {index}")} uses {kind} compression, which staging does not rebuild");
                    continue;
                }

                if (reader.GetInt32(0) <= 1)
                {
                    tableCompression.Add(kind);
                }

                if (index is not null)
                {
                    (compression.TryGetValue(index, out var list) ? list : compression[index] = []).Add(kind);
                }
            }
        }

        options = options with { Compression = tableCompression };

        SqlServerDataSpace space = new("PRIMARY", false, null, null, false, []);
        await using (var command = connection.Command(transaction, LayoutDataSpace, null, ("table", quoted)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                space = new SqlServerDataSpace(reader.GetString(0), reader.GetBoolean(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetBoolean(4), []);
            }
        }

        if (space.IsScheme && options.LobDataSpace is { } lob && lob != space.Name)
        {
            blockers.Add($"the table's large values are on {lob}, not its partition scheme {space.Name}; staging cannot place them there");
        }

        if (space.IsScheme && table.TruncateObstacle is { } obstacle)
        {
            blockers.Add($"a partitioned target is emptied with TRUNCATE … WITH (PARTITIONS), which SQL Server refuses here: {obstacle}; use simple_copy");
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
                    index = new SqlServerIndex(name, reader.GetBoolean(1), reader.GetBoolean(2), reader.GetBoolean(3), reader.GetBoolean(4), [], [], reader.IsDBNull(5) ? null : reader.GetString(5), compression.GetValueOrDefault(name));
                    indexes.Add(index);
                }

                var column = reader.GetString(6);
                indexes[indexes.IndexOf(index)] = reader.GetBoolean(8)
                    ? index with { Includes = [.. index.Includes, column] }
                    : index with { Keys = [.. index.Keys, (column, reader.GetBoolean(7))] };
            }
        }

        var checks = new List<SqlServerCheck>();
        await using (var command = connection.Command(transaction, LayoutChecks, null, ("table", quoted)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                checks.Add(new SqlServerCheck(reader.GetString(0), reader.GetString(1), reader.GetBoolean(2), reader.GetBoolean(3), reader.GetBoolean(4)));
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

        return new SqlServerLayout(columns, space, indexes, checks, blockers, options);
    }
}
