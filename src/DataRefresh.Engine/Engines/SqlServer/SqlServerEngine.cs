using System.Data;
using System.Data.Common;
using System.Globalization;
using DataRefresh.Catalog;
using DataRefresh.Configuration;
using DataRefresh.Execution;
using DataRefresh.History;
using Microsoft.Data.SqlClient;
using static DataRefresh.Engines.SqlServer.SqlServerSql;

namespace DataRefresh.Engines.SqlServer;

/// <summary>
/// SQL Server: catalog from sys.*, SqlDataReader (sequential) streamed into SqlBulkCopy inside the target
/// transaction, sp_getapplock per table, identities and sequences moved after load. Statements come from <see cref="SqlServerSql"/>.
/// </summary>
public sealed class SqlServerEngine : IDatabaseEngine
{
    /// <summary>
    /// Deadlock (1205), out of lock memory (1204), a snapshot transaction broken by DDL or a failover (3961, 3966),
    /// database or pool unavailable, throttling, connection resets (per Azure SQL's transient list). Not 4060
    /// (the database does not exist, or the login may not open it) nor 11001 (the host name does not resolve):
    /// retrying does not fix those.
    /// </summary>
    private static readonly HashSet<int> TransientNumbers = [1204, 1205, 3961, 3966, 4221, 40143, 40197, 40501, 40540, 40613, 42108, 42109, 49918, 49919, 49920, 10928, 10929, 233, 64, 20, 10053, 10054, 10060];

    /// <summary>Errors that retrying does not fix, even when a network exception rides inside them.</summary>
    private static readonly HashSet<int> PermanentNumbers = [4060, 11001, 18456, 18452, 18486, 18487, 18488];

    /// <summary>How much longer than its wait the sp_getapplock command may run (the round trip, a busy server).</summary>
    private const int AppLockMarginSeconds = 30;

    public EngineKind Kind => EngineKind.SqlServer;

    /// <summary>A #temp table loaded by SqlBulkCopy, then DELETE / UPDATE / INSERT: see <see cref="SqlServerMerge"/>.</summary>
    public IMergeLoad Merge { get; } = new SqlServerMerge();

    public IEngineRows Rows { get; } = new SqlServerRows();

    /// <summary>Enabled DML triggers: SqlBulkCopy fires none, but a reload's DELETE and a merge's statements do (see <see cref="SqlServerTriggers"/>).</summary>
    public Task<IReadOnlyList<string>> UserTriggersAsync(DbConnection connection, QualifiedName table, CancellationToken cancellationToken) => SqlServerTriggers.EnabledAsync(connection, null, table, cancellationToken);

    public Task<IReadOnlyList<string>> SuspendTriggersAsync(DbConnection target, DbTransaction transaction, QualifiedName table, CancellationToken cancellationToken) => SqlServerTriggers.SuspendAsync(target, transaction, table, cancellationToken);

    public Task ResumeTriggersAsync(DbConnection target, DbTransaction transaction, IReadOnlyList<string> restore, CancellationToken cancellationToken) => SqlServerTriggers.ResumeAsync(target, transaction, restore, cancellationToken);

    /// <summary>A partitioned table's triggers are the table's own (there are no per-partition clones).</summary>
    public bool SuspendsPartitionedTableTriggers => true;

    public Task<IReadOnlyList<InsteadOfTrigger>> InsteadOfTriggersAsync(DbConnection connection, QualifiedName table, CancellationToken cancellationToken) => SqlServerTriggers.InsteadOfAsync(connection, table, cancellationToken);

    public bool CanTruncateReferencedTable => false;

    public bool SupportsParallelUnits => true;

    public IHistoryDialect History { get; } = new SqlServerHistory();

    public Staging.IStagingSwitch Staging => field ??= new SqlServerStaging(this);

    public async Task<DbConnection> OpenAsync(DatabaseConfig database, ConnectionPurpose purpose, RefreshSettings settings, string runLabel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(settings);
        var builder = new SqlConnectionStringBuilder
        {
            DataSource = database.Port is { } port ? $"{database.Server},{port}" : database.Server,
            InitialCatalog = database.Database,
            Encrypt = SqlConnectionEncryptOption.Mandatory,
            TrustServerCertificate = database.TrustServerCertificate,
            // 0 would wait forever (the config refuses it; settings built in code get 1 second).
            ConnectTimeout = Math.Max(1, settings.ConnectionTimeout),
            CommandTimeout = settings.CommandTimeout,
            // The run label (with its run id) comes first: PostgreSQL keeps only 63 characters of it.
            ApplicationName = RunTag.SessionName(runLabel, database.ApplicationName),

            // Production sessions declare read-only intent (and may land on a readable secondary).
            ApplicationIntent = purpose is ConnectionPurpose.Source ? ApplicationIntent.ReadOnly : ApplicationIntent.ReadWrite,

            // History must be written even after the refresh session was killed: never reuse a pooled connection.
            Pooling = purpose != ConnectionPurpose.History,
        };
        if (database.PacketSize is { } packet)
        {
            builder.PacketSize = packet;
        }

        if (database.Auth == AuthType.Sql)
        {
            (builder.UserID, builder.Password) = ConnectionErrors.Credentials(database);
        }
        else
        {
            builder.IntegratedSecurity = true;
        }

        var connection = new SqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (Exception ex) when (ex is SqlException or InvalidOperationException or PlatformNotSupportedException or TimeoutException)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw await SqlServerErrors.ConnectionFailedAsync(database, builder, settings, ex).ConfigureAwait(false);
        }
    }

    /// <summary>Snapshot isolation when production allows it (one consistent view, no shared locks); otherwise plain reads.</summary>
    public async Task<DbTransaction?> BeginSourceReadAsync(DbConnection source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        return await source.ScalarAsync(null, SnapshotAllowed, cancellationToken).ConfigureAwait(false) is true
            ? await source.BeginTransactionAsync(IsolationLevel.Snapshot, cancellationToken).ConfigureAwait(false)
            : null;
    }

    /// <summary>
    /// Without ALLOW_SNAPSHOT_ISOLATION the source is read under READ COMMITTED: shared locks that make production's
    /// writers wait while rows stream over a slow network, and no snapshot that units could share.
    /// </summary>
    public async Task<string?> SourceReadWarningAsync(DbConnection source, CancellationToken cancellationToken) =>
        await source.ScalarAsync(null, SnapshotAllowed, cancellationToken).ConfigureAwait(false) is true
            ? null
            : "the source database does not allow snapshot isolation (ALLOW_SNAPSHOT_ISOLATION OFF): production is read under READ COMMITTED, whose shared locks make production's writers wait while rows stream to UAT, "
              + "and each unit of the run reads production at its own moment, so a child table can hold rows whose parents are newer than the parent table's copy; "
              + "ALTER DATABASE … SET ALLOW_SNAPSHOT_ISOLATION ON on production gives every refresh one consistent, non-blocking view";

    public async Task<ServerIdentity> IdentifyAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.Command(null, Identify);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new ServerIdentity(reader.IsDBNull(0) ? "" : reader.GetString(0).ToUpperInvariant(), reader.IsDBNull(1) ? "" : reader.GetString(1).ToUpperInvariant())
        {
            ReplicaOf = reader.IsDBNull(2) ? null : reader.GetString(2).ToUpperInvariant(),
        };
    }

    public async Task<TableCatalog> ReadCatalogAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var tables = new List<CatalogTable>();
        await using var command = connection.Command(null, CatalogTables);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            tables.Add(new CatalogTable(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetBoolean(3)));
        }

        return new TableCatalog(tables);
    }

    public async Task<TableSchema> ReadTableAsync(DbConnection connection, QualifiedName table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var quoted = Quote(table);
        var columns = new List<ColumnInfo>();
        await using (var command = connection.Command(null, Columns, null, ("table", quoted)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var type = reader.GetString(2);
                columns.Add(new ColumnInfo
                {
                    Name = reader.GetString(0),
                    Ordinal = reader.GetInt32(1),
                    DataType = TypeName(type, reader.GetInt16(3), reader.GetByte(4), reader.GetByte(5)),
                    IsNullable = reader.GetBoolean(6),
                    Identity = reader.GetBoolean(7) ? IdentityKind.Always : IdentityKind.None,

                    // Computed columns, temporal period columns (generated_always_type 1/2) and column sets are the server's.
                    IsGenerated = reader.GetBoolean(8) || reader.GetByte(10) != 0 || reader.GetBoolean(11),
                    IsRowVersion = type == "timestamp",
                    Collation = reader.IsDBNull(9) ? null : reader.GetString(9),
                    CodePage = reader.IsDBNull(13) ? null : reader.GetInt32(13),
                    Lcid = reader.IsDBNull(14) ? null : reader.GetInt32(14),
                });
            }
        }

        bool temporal = false, partitioned = false;
        string? truncateObstacle = null;
        await using (var command = connection.Command(null, TableFacts, null, ("table", quoted)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                (temporal, partitioned) = (reader.GetBoolean(0), reader.GetBoolean(1));
                truncateObstacle = SqlServerSql.TruncateObstacle(
                    reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.GetBoolean(3),
                    reader.GetBoolean(4),
                    reader.GetBoolean(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6));
            }
        }

        var primaryKey = new List<string>();
        var clustered = new List<string>();
        await using (var command = connection.Command(null, KeyColumns, null, ("table", quoted)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (reader.GetBoolean(0))
                {
                    primaryKey.Add(reader.GetString(2));
                }

                if (reader.GetBoolean(1) && !clustered.Contains(reader.GetString(2)))
                {
                    clustered.Add(reader.GetString(2));
                }
            }
        }

        var keys = new List<(string Name, QualifiedName From, string FromColumn, QualifiedName To, string ToColumn, string OnDelete, string OnUpdate, bool Disabled, bool NotTrusted)>();
        await using (var command = connection.Command(null, ForeignKeys, null, ("table", quoted)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                keys.Add((reader.GetString(0), new QualifiedName(reader.GetString(1), reader.GetString(2)), reader.GetString(3), new QualifiedName(reader.GetString(4), reader.GetString(5)), reader.GetString(6), reader.GetString(7), reader.GetString(8), reader.GetBoolean(9), reader.GetBoolean(10)));
            }
        }

        var sequences = new List<SequenceInfo>();
        if (columns.FirstOrDefault(c => c.Identity != IdentityKind.None) is { } identity)
        {
            sequences.Add(new SequenceInfo { Name = table, Kind = SequenceKind.Identity, Users = [new SequenceUser(table, identity.Name)] });
        }

        var users = new List<(QualifiedName Sequence, SequenceUser User)>();
        await using (var command = connection.Command(null, SqlServerSequenceSql.SequenceUsers, null, ("table", quoted)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                users.Add((new QualifiedName(reader.GetString(0), reader.GetString(1)), new SequenceUser(new QualifiedName(reader.GetString(2), reader.GetString(3)), reader.GetString(4))));
            }
        }

        // A sequence only a text column of this table uses has no row for this table: it is not this table's to move.
        sequences.AddRange(users.GroupBy(u => u.Sequence).Where(g => g.Any(u => u.User.Table == table))
            .Select(g => new SequenceInfo { Name = g.Key, Kind = SequenceKind.Sequence, Users = g.Select(u => u.User).ToList() }));
        columns = columns.Select(c => c with { Sequence = sequences.FirstOrDefault(s => s.Users.Contains(new SequenceUser(table, c.Name)))?.Name.ToString() }).ToList();

        // SQL Server cannot defer a constraint, but NOCHECK + WITH CHECK CHECK inside the transaction has the same effect.
        var foreignKeys = keys.GroupBy(k => (k.Name, k.From)).Select(g => new ForeignKeyInfo(g.Key.Name, g.Key.From, g.Select(k => k.FromColumn).ToList(), g.First().To, g.Select(k => k.ToColumn).ToList(), Deferrable: true)
        {
            OnDelete = ForeignKeyInfo.ParseAction(g.First().OnDelete),
            OnUpdate = ForeignKeyInfo.ParseAction(g.First().OnUpdate),
            IsDisabled = g.First().Disabled,
            IsNotTrusted = g.First().NotTrusted,
        }).ToList();
        return new TableSchema
        {
            Name = table,
            Columns = columns,
            PrimaryKey = primaryKey,
            ClusteredKey = clustered,
            References = foreignKeys.Where(fk => fk.From == table).ToList(),
            ReferencedBy = foreignKeys.Where(fk => fk.To == table).ToList(),
            IsPartitioned = partitioned,
            IsSystemVersioned = temporal,
            TruncateObstacle = truncateObstacle,
            Sequences = sequences,
        };
    }

    public async Task<object?> ReadMaxAsync(DbConnection connection, DbTransaction? transaction, QualifiedName table, string column, CancellationToken cancellationToken) =>
        await connection.ScalarAsync(transaction, Max(table, column), cancellationToken).ConfigureAwait(false);

    public async Task<bool> HasRowsAsync(DbConnection connection, DbTransaction? transaction, QualifiedName table, CancellationToken cancellationToken) =>
        await connection.ScalarAsync(transaction, HasRows(table), cancellationToken).ConfigureAwait(false) is true;

    /// <summary>sys.partitions keeps an exact-enough row count for a whole table without a scan.</summary>
    public async Task<long> EstimateRowsAsync(DbConnection connection, QualifiedName table, RowFilter? filter, CancellationToken cancellationToken) =>
        filter is null
            ? Convert.ToInt64(await connection.ScalarAsync(null, PartitionRows, cancellationToken, null, ("table", Quote(table))).ConfigureAwait(false) ?? 0L, CultureInfo.InvariantCulture)
            : await CountAsync(connection, null, table, filter, cancellationToken).ConfigureAwait(false);

    /// <summary>The single estimate (sys.partitions, heap or clustered index) for many tables: one statement per 1000 (parameters @t0…).</summary>
    public async Task<IReadOnlyDictionary<QualifiedName, long>> EstimateRowsAsync(DbConnection connection, IReadOnlyList<QualifiedName> tables, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(tables);
        var estimates = new Dictionary<QualifiedName, long>();
        foreach (var chunk in tables.Chunk(1000))
        {
            var parameters = chunk.Select((t, i) => ($"t{i.ToString(CultureInfo.InvariantCulture)}", (object?)Quote(t))).ToArray();
            await using var command = connection.Command(null, PartitionRowsOf(chunk.Length), null, parameters);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!reader.IsDBNull(1))
                {
                    estimates[chunk[reader.GetInt32(0)]] = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
                }
            }
        }

        return estimates;
    }

    public async Task<long> CountAsync(DbConnection connection, DbTransaction? transaction, QualifiedName table, RowFilter? filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = (SqlCommand)connection.Command(transaction, Count(table, filter));
        Bind(command, filter);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    public string DescribeFilter(RowFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var value = filter.Value switch
        {
            DateTime or DateTimeOffset or DateOnly or string => "'" + Planning.Watermarks.Format(filter.Value) + "'",
            _ => Convert.ToString(filter.Value, CultureInfo.InvariantCulture),
        };
        return $"{Quote(filter.Column)} {Operator(filter.Operator)} {value}";
    }

    public string? Incompatibility(ColumnInfo source, ColumnInfo target) => SqlServerTypes.Incompatibility(source, target);

    public async Task LockTableAsync(DbConnection target, DbTransaction transaction, QualifiedName table, TimeSpan wait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        await using var command = target.Command(transaction, GetAppLock, null, ("resource", LockResource(table)), ("timeout", AppLockWaitMilliseconds(wait)));
        command.CommandTimeout = AppLockCommandTimeout(command.CommandTimeout, wait);
        var result = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        if (Convert.ToInt32(result, CultureInfo.InvariantCulture) >= 0)
        {
            return;
        }

        var holder = await LockHolderAsync(target, transaction, table, cancellationToken).ConfigureAwait(false) ?? "another session";
        throw new TableLockedException($"Table {table} is being refreshed by {holder}; only one refresh of a table runs at a time. Try again when it finishes.");
    }

    /// <summary>sp_getapplock's @LockTimeout: milliseconds, 0 for "do not wait"; never the -1 that waits forever.</summary>
    internal static int AppLockWaitMilliseconds(TimeSpan wait) =>
        wait <= TimeSpan.Zero ? 0 : (int)Math.Min(int.MaxValue, Math.Ceiling(wait.TotalMilliseconds));

    /// <summary>
    /// The applock's command must outlive its wait, or SqlClient cancels it first and the run fails with a timeout
    /// (error -2) instead of naming the refresh that holds the table. 0 (command_timeout: 0, no limit) stays 0.
    /// </summary>
    internal static int AppLockCommandTimeout(int commandTimeout, TimeSpan wait)
    {
        if (commandTimeout == 0)
        {
            return 0;
        }

        var needed = Math.Ceiling(Math.Max(0, wait.TotalSeconds)) + AppLockMarginSeconds;
        return needed > commandTimeout ? (int)Math.Min(int.MaxValue, needed) : commandTimeout;
    }

    public Task<string?> RefreshLockHolderAsync(DbConnection connection, QualifiedName table, CancellationToken cancellationToken) =>
        LockHolderAsync(connection, null, table, cancellationToken);

    /// <summary>Who holds the table's applock; in <paramref name="transaction"/> when the session has one (SqlClient refuses a command without it).</summary>
    private static async Task<string?> LockHolderAsync(DbConnection connection, DbTransaction? transaction, QualifiedName table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var resource = LockResource(table);
        if (Convert.ToInt32(await connection.ScalarAsync(transaction, AppLockFree, cancellationToken, null, ("resource", resource)).ConfigureAwait(false), CultureInfo.InvariantCulture) == 1)
        {
            return null;
        }

        try
        {
            await using var command = connection.Command(transaction, AppLockHolder, null, ("resource", resource));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return $"{reader.GetString(0)} (session {reader.GetInt16(1)})";
            }
        }
        catch (SqlException)
        {
            // Naming the holder needs VIEW SERVER STATE; without it the lock is still reported.
        }

        return "another session (grant VIEW SERVER STATE to see which run)";
    }

    /// <summary>A collation change the copy makes in the source SELECT (or that only changes sorting), for the plan.</summary>
    public string? Conversion(ColumnInfo source, ColumnInfo target) => SqlServerTypes.Collation(source, target).Note;

    /// <summary>
    /// SQL Server cannot defer a key: each one is disabled (NOCHECK, a schema-modification lock on its table until
    /// commit) after its state is read inside the transaction, so <see cref="RecheckConstraintsAsync"/> puts back
    /// exactly that state. A key already disabled is left alone (nothing checks it, before or after).
    /// </summary>
    public async Task<IReadOnlyList<ForeignKeyInfo>> DeferConstraintsAsync(DbConnection target, DbTransaction transaction, IReadOnlyList<ForeignKeyInfo> foreignKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(foreignKeys);
        var before = new List<ForeignKeyInfo>();
        foreach (var fk in foreignKeys)
        {
            ForeignKeyInfo? now = null;
            await using (var command = target.Command(transaction, KeyState, null, ("table", Quote(fk.From)), ("name", fk.Name)))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    now = fk with { IsDisabled = reader.GetBoolean(0), IsNotTrusted = reader.GetBoolean(1) };
                }
            }

            if (now is null)
            {
                throw new InvalidOperationException($"foreign key {fk.Name} on {fk.From} no longer exists in the target; plan the refresh again");
            }

            if (!now.IsDisabled)
            {
                await target.ExecuteAsync(transaction, NoCheck(now), cancellationToken).ConfigureAwait(false);
            }

            before.Add(now);
        }

        return before;
    }

    /// <summary>
    /// Each key as it was before <see cref="DeferConstraintsAsync"/>: a trusted key is re-validated against every row
    /// (WITH CHECK, a full scan of its table) and trusted again; an untrusted key is re-enabled without the scan and
    /// stays untrusted; a disabled key stays disabled.
    /// </summary>
    public async Task RecheckConstraintsAsync(DbConnection target, DbTransaction transaction, IReadOnlyList<ForeignKeyInfo> foreignKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(foreignKeys);
        foreach (var fk in foreignKeys.Where(k => !k.IsDisabled))
        {
            await target.ExecuteAsync(transaction, fk.IsNotTrusted ? Reenable(fk) : Recheck(fk), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// DELETE, or (when <paramref name="truncate"/>) TRUNCATE keeping the identity's next value. The caller decides with
    /// <see cref="Planning.TruncateRules"/>, from the facts <see cref="ReadTableAsync"/> read (foreign keys, temporal,
    /// indexed views, CDC, replication, memory-optimized, edge constraints), exactly as the plan's warning says.
    /// </summary>
    public async Task<long> EmptyAsync(DbConnection target, DbTransaction transaction, QualifiedName table, bool truncate, int commandTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!truncate)
        {
            return await target.ExecuteAsync(transaction, DeleteAll(table), cancellationToken, commandTimeout).ConfigureAwait(false);
        }

        var rows = Convert.ToInt64(await target.ScalarAsync(transaction, CountLocked(table), cancellationToken, commandTimeout).ConfigureAwait(false), CultureInfo.InvariantCulture);
        await target.ExecuteAsync(transaction, SqlServerSequenceSql.TruncateKeepingIdentity(table), cancellationToken, commandTimeout, ("table", Quote(table))).ConfigureAwait(false);
        return rows;
    }

    public bool RebuildsIndexesAfterTruncate => true;

    /// <summary>
    /// After the TRUNCATE: disable the nonclustered indexes (<see cref="SqlServerSql.IndexesToDisable"/>), so the bulk
    /// load (TABLOCK into an empty table, one batch) writes only the table and can be minimally logged. Transactional:
    /// a rollback leaves them enabled and intact.
    /// </summary>
    public async Task<IReadOnlyList<string>> SetIndexesAsideAsync(DbConnection target, DbTransaction transaction, QualifiedName table, int commandTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var names = new List<string>();
        await using (var command = target.Command(transaction, SqlServerSql.IndexesToDisable, commandTimeout, ("table", Quote(table))))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                names.Add(reader.GetString(0));
            }
        }

        foreach (var name in names)
        {
            await target.ExecuteAsync(transaction, SqlServerSql.DisableIndex(table, name), cancellationToken, commandTimeout).ConfigureAwait(false);
        }

        return [.. names.Select(n => SqlServerSql.RebuildIndex(table, n))];
    }

    /// <summary>ALTER INDEX … REBUILD for each disabled index; SQL Server sizes its sort memory itself (the memory setting is PostgreSQL's).</summary>
    public async Task<int> RebuildIndexesAsync(DbConnection target, DbTransaction transaction, IReadOnlyList<string> restore, int memoryMegabytes, int commandTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(restore);
        foreach (var statement in restore)
        {
            await target.ExecuteAsync(transaction, statement, cancellationToken, commandTimeout).ConfigureAwait(false);
        }

        return restore.Count;
    }

    public async Task<long> DeleteAsync(DbConnection target, DbTransaction transaction, QualifiedName table, RowFilter filter, int commandTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        await using var command = (SqlCommand)target.Command(transaction, Delete(table, filter), commandTimeout);
        Bind(command, filter);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// SqlDataReader (sequential access) into SqlBulkCopy in the target transaction: TableLock, KeepIdentity,
    /// KeepNulls, CheckConstraints (a bulk load skips CHECK and foreign keys otherwise, and leaves them untrusted),
    /// streaming; triggers do not fire. Columns are read in the target's collation where they differ (see
    /// <see cref="SqlServerTypes.Collation"/>). Rows arrive in clustered-key order, declared with order hints, when both
    /// sides share that key in the same collations: a source sorted by another collation would break the hint (error 4819).
    /// </summary>
    public async Task<long> CopyAsync(CopyRequest request, IProgress<long> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(progress);
        var reads = Reads(request);
        var clustered = request.TargetTable.ClusteredKey;
        var ordered = clustered.Count > 0 && clustered.All(request.Columns.Contains) && clustered.SequenceEqual(request.SourceTable.ClusteredKey)
            && clustered.All(c => string.Equals(request.SourceTable.Column(c)?.Collation, request.TargetTable.Column(c)?.Collation, StringComparison.OrdinalIgnoreCase));
        var order = request.RowLimit is null
            ? (ordered ? clustered : [])
            : request.Filter is { } f ? [f.Column] : request.SourceTable.PrimaryKey;
        await using var select = (SqlCommand)request.Source.Command(request.SourceTransaction, Select(request.SourceTable.Name, request.Columns, request.Filter, request.RowLimit, order, request.SourcePredicate, reads), request.CommandTimeout);
        Bind(select, request.Filter, request.SourceTable);
        await using var reader = await select.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false);

        // CheckConstraints checks a foreign key per batch: a row whose parent row (in the same table) arrives in a later
        // batch would fail. A table with a key to itself loads as one batch, with no timeout on it (a batch
        // of the whole table cannot be timed like one of batch_size rows); nothing else changes, as the transaction is
        // the commit boundary anyway, progress still comes every batch_size rows, and the token still cancels.
        // Into a table TRUNCATEd in this transaction, one batch too: with TABLOCK into an empty table, SQL Server
        // can log the load minimally and sorts nothing when the rows come in clustered-key order (the order hint).
        var oneBatch = OneBatch(request.TargetTable) || request.TargetTruncated;
        using var bulk = new SqlBulkCopy((SqlConnection)request.Target, SqlBulkCopyOptions.TableLock | SqlBulkCopyOptions.KeepIdentity | SqlBulkCopyOptions.KeepNulls | SqlBulkCopyOptions.CheckConstraints, (SqlTransaction)request.TargetTransaction! /* null on a staging loader, which SqlBulkCopy accepts */)
        {
            DestinationTableName = Quote(request.TargetTable.Name),
            BatchSize = oneBatch ? 0 : request.BatchSize,
            BulkCopyTimeout = oneBatch ? 0 : request.CommandTimeout,
            EnableStreaming = true,
            NotifyAfter = request.BatchSize,
        };
        for (var i = 0; i < request.Columns.Count; i++)
        {
            bulk.ColumnMappings.Add(i, Destination(request.Columns[i]));
        }

        if (ordered && order.SequenceEqual(clustered))
        {
            foreach (var column in clustered)
            {
                bulk.ColumnOrderHints.Add(column, SortOrder.Ascending);
            }
        }

        bulk.SqlRowsCopied += (_, e) => progress.Report(e.RowsCopied);
        try
        {
            if (request.Transform?.Bind(request) is { } transform)
            {
                // A transform sees each row decoded: SqlBulkCopy reads them from a wrapper that changes them.
                await using var transformed = new TransformingDataReader(reader, transform);
                await bulk.WriteToServerAsync(transformed, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await bulk.WriteToServerAsync(reader, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            // Disposing an unfinished SqlDataReader reads the rest of the production table first: cancel the
            // SELECT on the server, then let disposal close the (now ended) result.
            select.Cancel();
            throw;
        }

        // RowsCopied is an int and wraps past 2^31 rows; RowsCopied64 does not.
        progress.Report(bulk.RowsCopied64);
        return bulk.RowsCopied64;
    }

    /// <summary>
    /// Whether a table has a foreign key to itself, which a bulk load must check in one batch. A key disabled when the
    /// plan was made counts too: it may be enabled by the time the run loads.
    /// </summary>
    internal static bool OneBatch(TableSchema table) =>
        table.References.Any(fk => fk.From == table.Name && fk.To == table.Name);

    /// <summary>
    /// A destination column name as SqlBulkCopy's mapping wants it. It matches a mapped name after stripping the first
    /// and last character of one that starts with '[' (its own unquoting, which does not undo doubled brackets), so
    /// <c>[weird]</c> would be looked up as <c>weird</c>: such a name goes wrapped once more, and the stripping gives it back.
    /// Source columns are mapped by ordinal (their place in the SELECT), which needs no name at all. The destination
    /// is not mapped by ordinal: SqlBulkCopy numbers the destination's columns by its own metadata query (which leaves
    /// out some hidden columns, and all of them when it falls back to SELECT *), so a guessed ordinal could silently
    /// load a value into the wrong column where a name fails loudly.
    /// </summary>
    internal static string Destination(string column) => column.StartsWith('[') ? "[" + column + "]" : column;

    /// <summary>The source columns read in the target's collation; a collation that cannot convert losslessly stops the copy (the plan blocks it first).</summary>
    private static Dictionary<string, ColumnRead> Reads(CopyRequest request)
    {
        var reads = new Dictionary<string, ColumnRead>(StringComparer.Ordinal);
        foreach (var name in request.Columns)
        {
            if (request.SourceTable.Column(name) is not { } source || request.TargetTable.Column(name) is not { } target)
            {
                continue;
            }

            var move = SqlServerTypes.Collation(source, target);
            if (move.Problem is { } problem)
            {
                throw new InvalidOperationException($"{request.TargetTable.Name}: {problem}");
            }

            if (move.Collate is { } collation)
            {
                reads[name] = new ColumnRead(collation, move.AsType);
            }
        }

        return reads;
    }

    /// <summary>IDENTITY by DBCC CHECKIDENT … RESEED, a sequence by ALTER SEQUENCE … RESTART WITH; see <see cref="SqlServerSequenceSql"/>.</summary>
    public async Task<bool> AdvanceSequenceAsync(DbConnection target, DbTransaction transaction, SequenceInfo sequence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(sequence);
        var moved = sequence.Kind == SequenceKind.Identity
            ? await target.ScalarAsync(transaction, SqlServerSequenceSql.AdvanceIdentity(sequence.Name, sequence.Users[0].Column), cancellationToken, null, ("table", Quote(sequence.Name))).ConfigureAwait(false)
            : await target.ScalarAsync(transaction, SqlServerSequenceSql.AdvanceSequence(sequence.Name, sequence.Users), cancellationToken, null, ("sequence", Quote(sequence.Name))).ConfigureAwait(false);
        return moved is true;
    }

    public async Task<bool> CanWriteAsync(DbConnection connection, QualifiedName table, CancellationToken cancellationToken) =>
        await connection.ScalarAsync(null, CanWrite, cancellationToken, null, ("table", Quote(table))).ConfigureAwait(false) is true;

    /// <summary>
    /// A failure worth retrying: a transient server error number anywhere in the chain, or a lost connection. On
    /// Linux SqlClient reports a broken connection as error number 0 with the network's exception inside, so the
    /// inner exceptions are searched past a SqlException whose numbers say nothing. A connection failure the engine
    /// already named as permanent (unknown host, missing database, login refused, credentials unset) is not retried.
    /// </summary>
    public bool IsTransient(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case DatabaseConnectionException { Failure: ConnectionFailure.UnknownHost or ConnectionFailure.DatabaseMissing or ConnectionFailure.LoginFailed or ConnectionFailure.Credentials }:
                    return false;
                case SqlException sql when sql.Errors.Cast<SqlError>().Any(e => TransientNumbers.Contains(e.Number)):
                    return true;
                case SqlException sql when sql.Errors.Cast<SqlError>().Any(e => PermanentNumbers.Contains(e.Number)):
                    return false;
                case System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.HostNotFound or System.Net.Sockets.SocketError.NoData }:
                    return false;
                case System.IO.IOException or System.Net.Sockets.SocketException:
                    return true;
            }
        }

        return false;
    }

    public bool IsAuthenticationFailure(Exception exception) =>
        (exception as SqlException ?? exception.InnerException as SqlException)?.Number is 18456 or 18452 or 18486 or 18487 or 18488;

    /// <summary>
    /// Type the bound as the column is typed (<see cref="SqlServerTypes.Typed"/>): an untyped DateTime would be sent
    /// as datetime and lose precision, an untyped string as nvarchar and scan a varchar column. The column's type is
    /// taken from <paramref name="table"/> when given (the table the command reads), else from the filter.
    /// </summary>
    private static void Bind(SqlCommand command, RowFilter? filter, TableSchema? table = null)
    {
        if (filter is null)
        {
            return;
        }

        var type = table?.Column(filter.Column)?.DataType ?? filter.ColumnType;
        command.Parameters.Add(SqlServerTypes.Typed("bound", filter.Value, type));
    }
}
