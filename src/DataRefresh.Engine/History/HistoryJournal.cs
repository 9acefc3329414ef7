using System.Data.Common;
using DataRefresh.Catalog;
using DataRefresh.Configuration;
using DataRefresh.Engines;

namespace DataRefresh.History;

/// <summary>
/// The history table in the target database: one row per table attempt, each written in a transaction of its
/// own on a connection of its own (not the refresh's), so a failed or killed attempt is recorded too. Created on
/// first write; reading a database that has none returns nothing and creates nothing.
/// </summary>
public sealed class HistoryJournal : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DbConnection? _connection;
    private readonly IDatabaseEngine _engine;
    private readonly DatabaseConfig _target;
    private readonly RefreshSettings _settings;
    private readonly string _runLabel;
    private QualifiedName? _table;

    /// <summary>Whether the history table has <see cref="HistorySql.AddedColumns"/> (null: not looked yet).</summary>
    private bool? _added;

    /// <summary>Whether this journal already tried to add them (once per run).</summary>
    private bool _addTried;

    /// <summary>Whether this journal already made sure of <see cref="HistorySql.Indexes"/> (once per run).</summary>
    private bool _indexesTried;

    public HistoryJournal(IDatabaseEngine engine, DatabaseConfig target, RefreshSettings settings, string runLabel)
    {
        _engine = engine;
        _target = target;
        _settings = settings;
        _runLabel = runLabel;
    }

    private IHistoryDialect Dialect => _engine.History;

    public Task<string> LoginAsync(CancellationToken cancellationToken) =>
        UseAsync(connection => Dialect.LoginAsync(connection, cancellationToken), cancellationToken);

    public Task StartAsync(HistoryEntry entry, CancellationToken cancellationToken) =>
        WriteAsync(entry, HistorySql.Insert, cancellationToken);

    /// <summary>Record the outcome. Deliberately not cancellable: a cancelled run still records that it was cancelled.</summary>
    public Task FinishAsync(HistoryEntry entry) => WriteAsync(entry, HistorySql.Finish, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
            _connection = null;
        }

        _gate.Dispose();
    }

    private Task<int> WriteAsync(HistoryEntry entry, Func<IHistoryDialect, QualifiedName, bool, string> sql, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return UseAsync(
            async connection =>
            {
                var table = await EnsureAsync(connection, cancellationToken).ConfigureAwait(false);
                var added = await AddColumnsAsync(connection, table, cancellationToken).ConfigureAwait(false);
                await using var command = connection.CreateCommand();
                command.CommandText = sql(Dialect, table, added);
                Bind(command, entry);
                TypeTimestamps(command);
                if (added)
                {
                    Add(command, "rows_inserted", entry.RowsInserted);
                    Add(command, "rows_updated", entry.RowsUpdated);
                    Add(command, "verify_status", entry.VerifyStatus);
                    Add(command, "verify_detail", entry.VerifyDetail);
                    Add(command, "masked_columns", entry.MaskedColumns);
                }

                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);
    }

    /// <summary>
    /// One connection for the journal's life, used by one caller at a time. If its session died (killed along
    /// with the refresh, or dropped by the network) it reconnects once: the outcome of a failed attempt matters most.
    /// </summary>
    private async Task<T> UseAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                _connection ??= await OpenAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    return await work(_connection).ConfigureAwait(false);
                }
                catch (Exception ex) when (attempt == 1 && _connection.State != System.Data.ConnectionState.Open && ex is DbException or IOException or InvalidOperationException)
                {
                    await _connection.DisposeAsync().ConfigureAwait(false);
                    _connection = null;
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Rows left Running by a process that no longer works on them become Abandoned.</summary>
    public Task<int> MarkAbandonedAsync(CancellationToken cancellationToken) =>
        UseAsync(connection => MarkAbandonedAsync(connection, cancellationToken), cancellationToken);

    private async Task<int> MarkAbandonedAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var table = await FindAsync(connection, cancellationToken).ConfigureAwait(false);
        if (table is null)
        {
            return 0;
        }

        await EnsureIndexesAsync(connection, table, cancellationToken).ConfigureAwait(false);
        var running = await ReadAsync(connection, table, new HistoryQuery { Status = HistoryStatus.Running }, cancellationToken).ConfigureAwait(false);
        var marked = 0;
        foreach (var entry in running)
        {
            if (await Dialect.IsRunAliveAsync(connection, entry, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            await using var command = connection.CreateCommand();
            command.CommandText = HistorySql.Abandon(Dialect, table);
            Add(command, "status", nameof(HistoryStatus.Abandoned));
            Add(command, "error", $"the process running this refresh ended without recording an outcome (killed or lost its connection); when it stopped is unknown; marked Abandoned by {_runLabel} at {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)}");
            Add(command, "entry_id", entry.EntryId);
            marked += await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return marked;
    }

    public Task<IReadOnlyList<HistoryEntry>> ReadAsync(HistoryQuery query, CancellationToken cancellationToken) =>
        UseAsync(
            async connection => await FindAsync(connection, cancellationToken).ConfigureAwait(false) is { } table
                ? await ReadAsync(connection, table, query, cancellationToken).ConfigureAwait(false)
                : (IReadOnlyList<HistoryEntry>)[],
            cancellationToken);

    private async Task<IReadOnlyList<HistoryEntry>> ReadAsync(DbConnection connection, QualifiedName table, HistoryQuery query, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        var where = new List<string>();
        if (query.Status is { } status)
        {
            where.Add("status = @status");
            Add(command, "status", status.ToString());
        }

        if (query.Since is { } since)
        {
            where.Add("started_at >= @since");
            Add(command, "since", since.ToUniversalTime());
            TypeTimestamps(command);
        }

        for (var i = 0; i < query.Tables.Count; i++)
        {
            Add(command, $"t{i}", query.Tables[i].ToLowerInvariant());
        }

        if (query.Tables.Count > 0)
        {
            where.Add($"lower(table_name) IN ({string.Join(", ", query.Tables.Select((_, i) => $"@t{i}"))})");
        }

        if (query.Last is { } last)
        {
            Add(command, "last", last);
        }

        _added ??= await HasAddedColumnsAsync(connection, table, cancellationToken).ConfigureAwait(false);
        command.CommandText = HistorySql.Select(Dialect, table, where, _added.Value, limited: query.Last is not null);
        return await ReadEntriesAsync(command, query.Last, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The newest history row of each of <paramref name="tables"/> (names as configured, compared as
    /// <see cref="HistorySql.TableKey"/>), from one indexed statement per 500 names: a table whose last run is old shows
    /// it however many newer rows other tables have. A table that never ran has no row; no history table, none at all.
    /// </summary>
    public Task<IReadOnlyList<HistoryEntry>> LastPerTableAsync(IReadOnlyList<string> tables, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tables);
        return UseAsync(
            async connection =>
            {
                if (tables.Count == 0 || await FindAsync(connection, cancellationToken).ConfigureAwait(false) is not { } table)
                {
                    return (IReadOnlyList<HistoryEntry>)[];
                }

                _added ??= await HasAddedColumnsAsync(connection, table, cancellationToken).ConfigureAwait(false);
                var entries = new List<HistoryEntry>();
                foreach (var chunk in tables.Distinct(StringComparer.OrdinalIgnoreCase).Chunk(500))
                {
                    await using var command = connection.CreateCommand();
                    for (var i = 0; i < chunk.Length; i++)
                    {
                        Add(command, $"t{i}", Dialect.FoldsTableNames ? chunk[i].ToLowerInvariant() : chunk[i]);
                    }

                    command.CommandText = HistorySql.LastPerTable(Dialect, table, chunk.Length, _added.Value);
                    entries.AddRange(await ReadEntriesAsync(command, null, cancellationToken).ConfigureAwait(false));
                }

                return entries;
            },
            cancellationToken);
    }

    private async Task<IReadOnlyList<HistoryEntry>> ReadEntriesAsync(DbCommand command, int? last, CancellationToken cancellationToken)
    {
        var entries = new List<HistoryEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && (last is null || entries.Count < last))
        {
            entries.Add(new HistoryEntry
            {
                EntryId = reader.GetString(0),
                RunId = reader.GetString(1),
                Table = reader.GetString(2),
                Attempt = Convert.ToInt32(reader.GetValue(3), System.Globalization.CultureInfo.InvariantCulture),
                SyncMode = reader.GetString(4),
                Action = reader.GetString(5),
                Status = Enum.Parse<HistoryStatus>(reader.GetString(6)),
                StartedAt = Dialect.ReadTimestamp(reader.GetValue(7)),
                EndedAt = reader.IsDBNull(8) ? null : Dialect.ReadTimestamp(reader.GetValue(8)),
                RowsCopied = Convert.ToInt64(reader.GetValue(9), System.Globalization.CultureInfo.InvariantCulture),
                RowsDeleted = Convert.ToInt64(reader.GetValue(10), System.Globalization.CultureInfo.InvariantCulture),
                WatermarkBefore = reader.IsDBNull(11) ? null : reader.GetString(11),
                WatermarkAfter = reader.IsDBNull(12) ? null : reader.GetString(12),
                Error = reader.IsDBNull(13) ? null : reader.GetString(13),
                OsUser = reader.GetString(14),
                DatabaseLogin = reader.GetString(15),
                Host = reader.GetString(16),
                ProcessId = Convert.ToInt32(reader.GetValue(17), System.Globalization.CultureInfo.InvariantCulture),
                ModuleVersion = reader.GetString(18),
                RowsInserted = reader.IsDBNull(19) ? null : Convert.ToInt64(reader.GetValue(19), System.Globalization.CultureInfo.InvariantCulture),
                RowsUpdated = reader.IsDBNull(20) ? null : Convert.ToInt64(reader.GetValue(20), System.Globalization.CultureInfo.InvariantCulture),
                VerifyStatus = reader.IsDBNull(21) ? null : reader.GetString(21),
                VerifyDetail = reader.IsDBNull(22) ? null : reader.GetString(22),
                MaskedColumns = reader.IsDBNull(23) ? null : reader.GetString(23),
            });
        }

        return entries;
    }

    private Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        _engine.OpenAsync(_target, ConnectionPurpose.History, _settings, _runLabel, cancellationToken);

    private async Task<QualifiedName?> FindAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (_table is not null)
        {
            return _table;
        }

        _table = await FindExistingAsync(_engine, connection, _settings.HistoryTable, cancellationToken).ConfigureAwait(false);
        return _table;
    }

    /// <summary>
    /// The configured history table as it stands: null when no table has the name yet (the first write creates
    /// it). A name taken by a table that is not a DataRefresh history table (settings.history_table: orders) is
    /// refused here, naming the table and the columns it lacks, before any row is read from or written to it.
    /// </summary>
    public static async Task<QualifiedName?> FindExistingAsync(IEngineCatalog engine, DbConnection connection, string historyTable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (await engine.ResolveTableAsync(connection, TableName.Parse(historyTable), cancellationToken).ConfigureAwait(false) is not { } table)
        {
            return null;
        }

        var schema = await engine.ReadTableAsync(connection, table, cancellationToken).ConfigureAwait(false);
        var missing = HistorySql.ColumnNames.Where(c => schema.Column(c) is null).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"settings.history_table: {table} is not a DataRefresh history table: it has no column{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing)}. "
                + "Name a table DataRefresh created, or a name no table has yet (DataRefresh creates it on first use); nothing was written.");
        }

        return table;
    }

    private async Task<QualifiedName> EnsureAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (await FindAsync(connection, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return existing;
        }

        var name = TableName.Parse(_settings.HistoryTable);
        var schema = name.Schema?.Value ?? await Dialect.DefaultSchemaAsync(connection, cancellationToken).ConfigureAwait(false);
        var table = new QualifiedName(schema, name.Name.Value);
        await using var command = connection.CreateCommand();
        command.CommandText = HistorySql.CreateTable(Dialect, table);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException)
        {
            // Another run may have created it between our look and our CREATE.
            if (await _engine.ResolveTableAsync(connection, name, cancellationToken).ConfigureAwait(false) is null)
            {
                throw;
            }
        }

        _table = table;
        await EnsureIndexesAsync(connection, table, cancellationToken).ConfigureAwait(false);
        return table;
    }

    /// <summary>
    /// The history table's indexes, each in its own autocommit statement on the journal's connection: right after
    /// CREATE TABLE, and for a table from an earlier version when a run starts (before any table's transaction; on a
    /// large history the build blocks other runs' history writes for a moment, never a refresh). If the login may
    /// not create them, history works as before, only slower to query.
    /// </summary>
    private async Task EnsureIndexesAsync(DbConnection connection, QualifiedName table, CancellationToken cancellationToken)
    {
        if (_indexesTried)
        {
            return;
        }

        _indexesTried = true;
        foreach (var (name, keys) in HistorySql.Indexes(table, Dialect))
        {
            try
            {
                await using (var exists = connection.CreateCommand())
                {
                    exists.CommandText = Dialect.IndexExists(table);
                    Add(exists, "schema", table.Schema);
                    Add(exists, "table", table.Name);
                    Add(exists, "index", name);
                    if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not (null or DBNull))
                    {
                        continue;
                    }
                }

                await using var create = connection.CreateCommand();
                create.CommandText = HistorySql.CreateIndex(Dialect, table, name, keys);
                await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbException)
            {
                // Another run may have created it at the same moment; otherwise the login may not create indexes.
            }
        }
    }

    private async Task<bool> HasAddedColumnsAsync(DbConnection connection, QualifiedName table, CancellationToken cancellationToken)
    {
        var schema = await _engine.ReadTableAsync(connection, table, cancellationToken).ConfigureAwait(false);
        return HistorySql.AddedColumns.All(c => schema.Column(c) is not null);
    }

    /// <summary>
    /// A history table from an earlier version gets the added columns, each in its own statement on the journal's
    /// connection (autocommit, not the refresh transaction). If the login may not alter it, rows are written
    /// without them, as before.
    /// </summary>
    private async Task<bool> AddColumnsAsync(DbConnection connection, QualifiedName table, CancellationToken cancellationToken)
    {
        if (_added is true || _addTried)
        {
            return _added is true;
        }

        _addTried = true;
        var schema = await _engine.ReadTableAsync(connection, table, cancellationToken).ConfigureAwait(false);
        foreach (var column in HistorySql.AddedColumns.Where(c => schema.Column(c) is null))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = HistorySql.AddColumn(Dialect, table, column);
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbException)
            {
                // Another run may have added it at the same moment; otherwise the login may not alter the table.
            }
        }

        _added = await HasAddedColumnsAsync(connection, table, cancellationToken).ConfigureAwait(false);
        return _added.Value;
    }

    private static void Bind(DbCommand command, HistoryEntry e)
    {
        Add(command, "entry_id", e.EntryId);
        Add(command, "run_id", e.RunId);
        Add(command, "table_name", e.Table);
        Add(command, "attempt", e.Attempt);
        Add(command, "sync_mode", e.SyncMode);
        Add(command, "action", e.Action);
        Add(command, "status", e.Status.ToString());
        Add(command, "started_at", e.StartedAt);
        Add(command, "ended_at", e.EndedAt);
        Add(command, "rows_copied", e.RowsCopied);
        Add(command, "rows_deleted", e.RowsDeleted);
        Add(command, "watermark_before", e.WatermarkBefore);
        Add(command, "watermark_after", e.WatermarkAfter);
        Add(command, "error", e.Error);
        Add(command, "os_user", e.OsUser);
        Add(command, "db_login", e.DatabaseLogin);
        Add(command, "host", e.Host);
        Add(command, "process_id", e.ProcessId);
        Add(command, "module_version", e.ModuleVersion);
    }

    private void TypeTimestamps(DbCommand command)
    {
        foreach (DbParameter parameter in command.Parameters)
        {
            if (parameter.ParameterName is "started_at" or "ended_at" or "since")
            {
                Dialect.TypeTimestamp(parameter);
            }
        }
    }

    private static void Add(DbCommand command, string name, object? value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        if (value is null)
        {
            p.DbType = name is "ended_at" ? System.Data.DbType.DateTime : name.StartsWith("rows_", StringComparison.Ordinal) ? System.Data.DbType.Int64 : System.Data.DbType.String;
        }

        command.Parameters.Add(p);
    }
}
