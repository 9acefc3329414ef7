using System.Data;
using System.Data.Common;
using System.Globalization;
using DataRefresh.Catalog;
using DataRefresh.Configuration;
using DataRefresh.Execution;
using DataRefresh.History;
using Npgsql;

namespace DataRefresh.Engines.PostgreSql;

/// <summary>PostgreSQL: catalog from pg_catalog, binary COPY both ways, advisory locks, sequences.</summary>
public sealed partial class PostgreSqlEngine : IDatabaseEngine
{
    public EngineKind Kind => EngineKind.PostgreSql;

    public bool CanTruncateReferencedTable => false;

    public bool SupportsParallelUnits => true;

    public IHistoryDialect History { get; } = new PostgreSqlHistory();

    public Staging.IStagingSwitch Staging => field ??= new PostgreSqlStaging(this);

    public IMergeLoad Merge { get; } = new PostgreSqlMerge();

    public IEngineRows Rows { get; } = new PostgreSqlRows();

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static string Quote(QualifiedName table) => $"{Quote(table.Schema)}.{Quote(table.Name)}";

    public async Task<DbConnection> OpenAsync(DatabaseConfig database, ConnectionPurpose purpose, RefreshSettings settings, string runLabel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(settings);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = database.Server,
            Database = database.Database,
            // Npgsql's maximum is 1024 s; 0 would wait forever (the config refuses it; settings built in code get 1 second).
            Timeout = Math.Clamp(settings.ConnectionTimeout, 1, 1024),
            CommandTimeout = settings.CommandTimeout,
            // One connection string per side and purpose, not per run: Npgsql keeps a pool and its type catalog per
            // connection string. The run's label is set on the session after opening (see below).
            ApplicationName = database.ApplicationName ?? "DataRefresh",
            // The server's DETAIL ("Key (parent_id)=(6) is not present in table "parent"") is what a DBA needs to fix
            // a failed load, and a connection string cannot be given to turn it on. It quotes row values, never the
            // password; where it must not be shown (masked columns), DatabaseErrors.Describe leaves it out.
            IncludeErrorDetail = true,
            // One pool per side: the history journal reconnects if a pooled session died with a killed refresh.
            Pooling = true,
        };
        if (database.Port is { } port)
        {
            builder.Port = port;
        }

        if (database.Auth == AuthType.Sql)
        {
            (builder.Username, builder.Password) = ConnectionErrors.Credentials(database);
        }

        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

            // The run label (with its run id) comes first: PostgreSQL keeps only 63 characters of application_name.
            // Other runs find lock holders and live runs by it; a pooled connection is reset when returned.
            // Source and inspection sessions refuse writes even if a statement tried one (belt and braces: the
            // engine only sends them SELECT and COPY TO). Set per session, not in the connection string, so every
            // purpose shares one pool and one type catalog; a pooled session is reset when it is returned.
            var label = RunTag.SessionName(runLabel, database.ApplicationName);
            var sql = purpose is ConnectionPurpose.Source or ConnectionPurpose.Inspect
                ? "SELECT set_config('application_name', @label, false), set_config('default_transaction_read_only', 'on', false)"
                : "SELECT set_config('application_name', @label, false)";
            await connection.ExecuteAsync(null, sql, cancellationToken, null, ("label", label)).ConfigureAwait(false);
            return connection;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            var (failure, cause) = PostgreSqlErrors.Classify(ex, builder.Username, builder.Host ?? "", builder.Port, builder.Timeout);
            throw ConnectionErrors.Failed(database, failure, cause, ex);
        }
    }

    public Task<DbTransaction?> BeginSourceReadAsync(DbConnection source, CancellationToken cancellationToken) =>
        BeginSourceReadAsync(source, null, cancellationToken);

    public bool SharesSourceSnapshot => true;

    /// <summary>pg_export_snapshot(): valid while the exporting transaction stays open (the run keeps it open).</summary>
    public async Task<string?> ExportSourceSnapshotAsync(DbConnection source, DbTransaction? transaction, CancellationToken cancellationToken) =>
        (string?)await source.ScalarAsync(transaction, "SELECT pg_export_snapshot()", cancellationToken).ConfigureAwait(false);

    /// <summary>REPEATABLE READ, READ ONLY; with a shared snapshot, SET TRANSACTION SNAPSHOT before anything is read.</summary>
    public async Task<DbTransaction?> BeginSourceReadAsync(DbConnection source, string? sharedSnapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var tx = await source.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        if (sharedSnapshot is not null)
        {
            try
            {
                await source.ExecuteAsync(tx, $"SET TRANSACTION SNAPSHOT '{sharedSnapshot.Replace("'", "''", StringComparison.Ordinal)}'", cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidParameterValue)
            {
                await tx.DisposeAsync().ConfigureAwait(false);
                throw new InvalidOperationException($"the run's shared source snapshot {sharedSnapshot} is gone (the session holding it ended), so this table cannot be read at the same moment as the others; run again", ex);
            }
        }

        await source.ExecuteAsync(tx, "SET TRANSACTION READ ONLY", cancellationToken).ConfigureAwait(false);
        return tx;
    }

    public async Task<ServerIdentity> IdentifyAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        string server;
        try
        {
            server = "cluster " + await connection.ScalarAsync(null, "SELECT system_identifier::text FROM pg_control_system()", cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException)
        {
            server = (string?)await connection.ScalarAsync(null, "SELECT coalesce(inet_server_addr()::text, 'local') || ':' || coalesce(inet_server_port()::text, current_setting('port'))", cancellationToken).ConfigureAwait(false) ?? "";
        }

        var database = (string?)await connection.ScalarAsync(null, "SELECT current_database()", cancellationToken).ConfigureAwait(false) ?? "";
        return new ServerIdentity(server, database);
    }

    public async Task<TableCatalog> ReadCatalogAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);

        // Every table of every schema, system ones flagged (pg_* schemas are reserved to PostgreSQL): names are
        // matched in C#, because lower() on a C-collated name folds ASCII only. Unqualified names search the
        // search path as the session sees it (current_schemas(false): pg_catalog only if it is listed explicitly).
        const string sql = """
            SELECT n.nspname, c.relname, array_position(current_schemas(false), n.nspname),
                   left(n.nspname, 3) = 'pg_' OR n.nspname = 'information_schema'
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
            """;
        var tables = new List<CatalogTable>();
        await using var command = connection.Command(null, sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            tables.Add(new CatalogTable(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt32(2), reader.GetBoolean(3)));
        }

        return new TableCatalog(tables);
    }

    public async Task<TableSchema> ReadTableAsync(DbConnection connection, QualifiedName table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(table);
        const string columnsSql = """
            SELECT a.attname, a.attnum, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull, a.attidentity::text, a.attgenerated::text,
                   co.collname, c.relkind::text
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> 0 AND co.collname <> 'default'
            WHERE n.nspname = @schema AND c.relname = @name AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum
            """;
        var columns = new List<ColumnInfo>();
        var partitioned = false;
        await using (var command = connection.Command(null, columnsSql, null, ("schema", table.Schema), ("name", table.Name)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var identity = reader.GetString(4);
                columns.Add(new ColumnInfo
                {
                    Name = reader.GetString(0),
                    Ordinal = reader.GetInt16(1),
                    DataType = reader.GetString(2),
                    IsNullable = reader.GetBoolean(3),
                    Identity = identity switch { "a" => IdentityKind.Always, "d" => IdentityKind.ByDefault, _ => IdentityKind.None },
                    IsGenerated = reader.GetString(5) == "s",
                    Collation = reader.IsDBNull(6) ? null : reader.GetString(6),
                });
                partitioned = reader.GetString(7) == "p";
            }
        }

        const string keysSql = """
            SELECT k.contype::text, k.conname, k.condeferrable,
                   cn.nspname, cc.relname, ARRAY(SELECT a.attname FROM unnest(k.conkey) WITH ORDINALITY u(n, i) JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n ORDER BY u.i)::text[],
                   fn.nspname, fc.relname, ARRAY(SELECT a.attname FROM unnest(k.confkey) WITH ORDINALITY u(n, i) JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n ORDER BY u.i)::text[],
                   CASE k.confdeltype WHEN 'r' THEN 'RESTRICT' WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' WHEN 'd' THEN 'SET DEFAULT' ELSE 'NO ACTION' END,
                   CASE k.confupdtype WHEN 'r' THEN 'RESTRICT' WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' WHEN 'd' THEN 'SET DEFAULT' ELSE 'NO ACTION' END,
                   rn.nspname, rc.relname
            FROM pg_constraint k
            JOIN pg_class cc ON cc.oid = k.conrelid JOIN pg_namespace cn ON cn.oid = cc.relnamespace
            LEFT JOIN pg_class fc ON fc.oid = k.confrelid LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
            LEFT JOIN pg_class rc ON cc.relispartition AND rc.oid = pg_partition_root(cc.oid) LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace
            WHERE k.contype IN ('p', 'f') AND k.conparentid = 0
              AND ((cn.nspname = @schema AND cc.relname = @name) OR (k.contype = 'f' AND fn.nspname = @schema AND fc.relname = @name))
            ORDER BY k.conname
            """;
        var primaryKey = new List<string>();
        var references = new List<ForeignKeyInfo>();
        var referencedBy = new List<ForeignKeyInfo>();
        await using (var command = connection.Command(null, keysSql, null, ("schema", table.Schema), ("name", table.Name)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var from = new QualifiedName(reader.GetString(3), reader.GetString(4));
                if (reader.GetString(0) == "p")
                {
                    if (from == table)
                    {
                        primaryKey.AddRange(reader.GetFieldValue<string[]>(5));
                    }

                    continue;
                }

                // A key declared on a partition (not inherited from its table) names the partition; a run configures the partitioned table.
                var fk = new ForeignKeyInfo(reader.GetString(1), from, reader.GetFieldValue<string[]>(5), new QualifiedName(reader.GetString(6), reader.GetString(7)), reader.GetFieldValue<string[]>(8), reader.GetBoolean(2))
                {
                    OnDelete = ForeignKeyInfo.ParseAction(reader.GetString(9)),
                    OnUpdate = ForeignKeyInfo.ParseAction(reader.GetString(10)),
                    PartitionOf = reader.IsDBNull(11) ? null : new QualifiedName(reader.GetString(11), reader.GetString(12)),
                };
                if (fk.From == table)
                {
                    references.Add(fk);
                }

                if (fk.To == table)
                {
                    referencedBy.Add(fk);
                }
            }
        }

        // Unique indexes (constraints or not) that identify a row: valid, not partial, no expressions, key columns NOT NULL.
        const string uniqueSql = """
            SELECT ARRAY(SELECT a.attname FROM unnest(i.indkey[0:i.indnkeyatts - 1]) WITH ORDINALITY u(n, o) JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = u.n ORDER BY u.o)::text[]
            FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_class ic ON ic.oid = i.indexrelid
            WHERE n.nspname = @schema AND c.relname = @name AND i.indisunique AND NOT i.indisprimary AND i.indisvalid AND i.indpred IS NULL AND i.indexprs IS NULL
              AND NOT EXISTS (SELECT 1 FROM unnest(i.indkey[0:i.indnkeyatts - 1]) u(n) JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = u.n WHERE NOT a.attnotnull)
            ORDER BY ic.relname
            """;
        var uniqueKeys = new List<IReadOnlyList<string>>();
        await using (var command = connection.Command(null, uniqueSql, null, ("schema", table.Schema), ("name", table.Name)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                uniqueKeys.Add(reader.GetFieldValue<string[]>(0));
            }
        }

        var sequences = await ReadSequencesAsync(connection, table, cancellationToken).ConfigureAwait(false);
        var fed = columns.Select(c => c with { Sequence = sequences.FirstOrDefault(s => s.Users.Contains(new SequenceUser(table, c.Name)))?.Name.ToString() }).ToList();
        return new TableSchema { Name = table, Columns = fed, PrimaryKey = primaryKey, UniqueKeys = uniqueKeys, References = references, ReferencedBy = referencedBy, IsPartitioned = partitioned, Sequences = sequences };
    }

    public async Task<object?> ReadMaxAsync(DbConnection connection, DbTransaction? transaction, QualifiedName table, string column, CancellationToken cancellationToken) =>
        await connection.ScalarAsync(transaction, $"SELECT max({Quote(column)}) FROM {Quote(table)}", cancellationToken).ConfigureAwait(false);

    public async Task<bool> HasRowsAsync(DbConnection connection, DbTransaction? transaction, QualifiedName table, CancellationToken cancellationToken) =>
        await connection.ScalarAsync(transaction, $"SELECT EXISTS (SELECT 1 FROM {Quote(table)})", cancellationToken).ConfigureAwait(false) is true;

    /// <summary>pg_class.reltuples for a whole table once it has been analysed (-1 before), else count(*).</summary>
    public async Task<long> EstimateRowsAsync(DbConnection connection, QualifiedName table, RowFilter? filter, CancellationToken cancellationToken)
    {
        if (filter is null && await connection.ScalarAsync(null, "SELECT reltuples::bigint FROM pg_class WHERE oid = @table::regclass", cancellationToken, null, ("table", Quote(table))).ConfigureAwait(false) is long estimate && estimate >= 0)
        {
            return estimate;
        }

        return await CountAsync(connection, null, table, filter, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The single estimate for many tables: pg_class.reltuples of each (a partitioned table's own, as the single
    /// estimate reads it) in one query; count(*), in one statement, only for those never analysed (-1).
    /// </summary>
    public async Task<IReadOnlyDictionary<QualifiedName, long>> EstimateRowsAsync(DbConnection connection, IReadOnlyList<QualifiedName> tables, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(tables);
        var estimates = new Dictionary<QualifiedName, long>();
        if (tables.Count == 0)
        {
            return estimates;
        }

        const string sql = """
            SELECT t.i::int, c.reltuples::bigint
            FROM unnest(@schemas::text[], @names::text[]) WITH ORDINALITY AS t(schema_name, table_name, i)
            JOIN pg_catalog.pg_namespace n ON n.nspname = t.schema_name
            JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = t.table_name
            """;
        var unanalysed = new List<QualifiedName>();
        await using (var command = connection.Command(null, sql, null, ("schemas", tables.Select(t => t.Schema).ToArray()), ("names", tables.Select(t => t.Name).ToArray())))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var table = tables[reader.GetInt32(0) - 1];
                var estimate = reader.GetInt64(1);
                if (estimate >= 0)
                {
                    estimates[table] = estimate;
                }
                else
                {
                    unanalysed.Add(table);
                }
            }
        }

        if (unanalysed.Count > 0)
        {
            var counts = string.Join(" UNION ALL ", unanalysed.Select((t, i) => $"SELECT {i.ToString(CultureInfo.InvariantCulture)}, count(*) FROM {Quote(t)}"));
            await using var command = connection.Command(null, counts);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                estimates[unanalysed[reader.GetInt32(0)]] = reader.GetInt64(1);
            }
        }

        return estimates;
    }

    public async Task<long> CountAsync(DbConnection connection, DbTransaction? transaction, QualifiedName table, RowFilter? filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var sql = $"SELECT count(*) FROM {Quote(table)}" + (filter is null ? "" : $" WHERE {Quote(filter.Column)} {Operator(filter)} @bound");
        var parameters = filter is null ? [] : new[] { ("bound", (object?)filter.Value) };
        return Convert.ToInt64(await connection.ScalarAsync(transaction, sql, cancellationToken, null, parameters).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    public string DescribeFilter(RowFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return $"{Quote(filter.Column)} {Operator(filter)} {Literal(filter.Value)}";
    }

    public string? Incompatibility(ColumnInfo source, ColumnInfo target) => PostgreSqlTypes.Incompatibility(source, target);

    public async Task LockTableAsync(DbConnection target, DbTransaction transaction, QualifiedName table, TimeSpan wait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var key = LockKeys.For(table);
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            if (await target.ScalarAsync(transaction, "SELECT pg_try_advisory_xact_lock(@key)", cancellationToken, null, ("key", key)).ConfigureAwait(false) is true)
            {
                return;
            }

            if (DateTime.UtcNow >= deadline)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
        }

        var holder = await RefreshLockHolderAsync(target, table, cancellationToken).ConfigureAwait(false) ?? "another session";
        throw new TableLockedException($"Table {table} is being refreshed by {holder}; only one refresh of a table runs at a time. Try again when it finishes.");
    }

    public async Task<string?> RefreshLockHolderAsync(DbConnection connection, QualifiedName table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        const string sql = """
            SELECT a.application_name, a.pid
            FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.pid <> pg_backend_pid() AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND l.classid = ((@key >> 32) & 4294967295)::bigint::oid AND l.objid = (@key & 4294967295)::bigint::oid AND l.objsubid = 1
            LIMIT 1
            """;
        await using var command = connection.Command(null, sql, null, ("key", LockKeys.For(table)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return $"{(reader.IsDBNull(0) || reader.GetString(0).Length == 0 ? "a session" : reader.GetString(0))} (backend pid {reader.GetInt32(1)})";
    }

    /// <summary>DEFERRABLE constraints are checked at COMMIT once deferred (the plan refuses ones that are not).</summary>
    public async Task<IReadOnlyList<ForeignKeyInfo>> DeferConstraintsAsync(DbConnection target, DbTransaction transaction, IReadOnlyList<ForeignKeyInfo> foreignKeys, CancellationToken cancellationToken)
    {
        await target.ExecuteAsync(transaction, "SET CONSTRAINTS ALL DEFERRED", cancellationToken).ConfigureAwait(false);
        return foreignKeys;
    }

    public Task RecheckConstraintsAsync(DbConnection target, DbTransaction transaction, IReadOnlyList<ForeignKeyInfo> foreignKeys, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<long> EmptyAsync(DbConnection target, DbTransaction transaction, QualifiedName table, bool truncate, int commandTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!truncate)
        {
            return await target.ExecuteAsync(transaction, $"DELETE FROM {Quote(table)}", cancellationToken, commandTimeout).ConfigureAwait(false);
        }

        // TRUNCATE reports no count: take it under the same lock TRUNCATE will hold.
        await target.ExecuteAsync(transaction, $"LOCK TABLE {Quote(table)} IN ACCESS EXCLUSIVE MODE", cancellationToken, commandTimeout).ConfigureAwait(false);
        var rows = await CountAsync(target, transaction, table, null, cancellationToken).ConfigureAwait(false);
        await target.ExecuteAsync(transaction, $"TRUNCATE TABLE {Quote(table)}", cancellationToken, commandTimeout).ConfigureAwait(false);
        return rows;
    }

    public async Task<long> DeleteAsync(DbConnection target, DbTransaction transaction, QualifiedName table, RowFilter filter, int commandTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(filter);
        return await target.ExecuteAsync(transaction, $"DELETE FROM {Quote(table)} WHERE {Quote(filter.Column)} {Operator(filter)} @bound", cancellationToken, commandTimeout, ("bound", filter.Value)).ConfigureAwait(false);
    }

    public async Task<bool> CanWriteAsync(DbConnection connection, QualifiedName table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var result = await connection.ScalarAsync(null, "SELECT NOT pg_is_in_recovery() AND has_table_privilege(@table, 'INSERT, UPDATE, DELETE, TRUNCATE')", cancellationToken, null, ("table", Quote(table))).ConfigureAwait(false);
        return result is true;
    }

    public bool IsTransient(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case PostgresException pg:
                    return pg.SqlState is "40001" or "40P01" or "53300" or "53400" or "57P01" or "57P02" or "57P03" or "55P03" || pg.SqlState.StartsWith("08", StringComparison.Ordinal);
                case NpgsqlException npgsql when npgsql.IsTransient:
                    return true;
                case System.IO.IOException or System.Net.Sockets.SocketException:
                    return true;
            }
        }

        return false;
    }

    public bool IsAuthenticationFailure(Exception exception) =>
        exception is PostgresException { SqlState: "28P01" or "28000" } || exception.InnerException is PostgresException { SqlState: "28P01" or "28000" };

    internal static string Operator(RowFilter filter) => filter.Operator == FilterOperator.Greater ? ">" : ">=";

    /// <summary>A value as SQL text, for COPY (which takes no parameters) and for the plan. Only typed values reach here.</summary>
    internal static string Literal(object value) => value switch
    {
        DateTime { Kind: DateTimeKind.Utc } d => $"'{d.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture)}+00'::timestamptz",
        DateTime d when d.TimeOfDay == TimeSpan.Zero => $"'{d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'::date",
        DateTime d => $"'{d.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture)}'::timestamp",
        DateTimeOffset o => $"'{o.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture)}+00'::timestamptz",
        DateOnly d => $"'{d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'::date",
        short or int or long or decimal or byte => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        _ => throw new NotSupportedException($"a watermark of type {value.GetType().Name} cannot be used as an incremental bound"),
    };
}
