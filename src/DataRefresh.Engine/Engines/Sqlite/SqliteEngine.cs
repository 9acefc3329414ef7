using System.Data.Common;
using System.Globalization;
using DataRefresh.Catalog;
using DataRefresh.Configuration;
using DataRefresh.History;
using Microsoft.Data.Sqlite;

namespace DataRefresh.Engines.Sqlite;

/// <summary>
/// SQLite, the embedded engine: a file per side. The write lock is the database's own (BEGIN IMMEDIATE), so
/// refreshes of one target file run one after another.
/// </summary>
public sealed class SqliteEngine : IDatabaseEngine
{
    public EngineKind Kind => EngineKind.Sqlite;

    public bool CanTruncateReferencedTable => true;

    public bool SupportsParallelUnits => false;

    public IHistoryDialect History { get; } = new SqliteHistory();

    public Staging.IStagingSwitch Staging => field ??= new SqliteStaging(this);

    public IMergeLoad Merge { get; } = new SqliteMerge();

    public IEngineRows Rows { get; } = new SqliteRows();

    public async Task<IReadOnlyList<string>> UserTriggersAsync(DbConnection connection, QualifiedName table, CancellationToken cancellationToken) =>
        (await SqliteTriggers.ReadAsync(connection, null, table, cancellationToken).ConfigureAwait(false)).Select(t => t.Name).ToList();

    public Task<IReadOnlyList<string>> SuspendTriggersAsync(DbConnection target, DbTransaction transaction, QualifiedName table, CancellationToken cancellationToken) =>
        SqliteTriggers.SuspendAsync(target, transaction, table, cancellationToken);

    public async Task ResumeTriggersAsync(DbConnection target, DbTransaction transaction, IReadOnlyList<string> restore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(restore);
        foreach (var statement in restore)
        {
            await target.ExecuteAsync(transaction, statement, cancellationToken).ConfigureAwait(false);
        }
    }

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static string Quote(QualifiedName table) => $"{Quote(table.Schema)}.{Quote(table.Name)}";

    public async Task<DbConnection> OpenAsync(DatabaseConfig database, ConnectionPurpose purpose, RefreshSettings settings, string runLabel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(settings);
        var file = SameDatabase.SqliteFile(database);
        if (file != ":memory:" && !File.Exists(file))
        {
            throw new DatabaseConnectionException($"Cannot open the {database.Side.ToString().ToLowerInvariant()} database: SQLite file {file} does not exist", ConnectionFailure.DatabaseMissing, new FileNotFoundException(file));
        }

        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = file,
            Mode = purpose is ConnectionPurpose.Source or ConnectionPurpose.Inspect ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite,
            ForeignKeys = purpose == ConnectionPurpose.Target ? true : null,
            Pooling = false,

            // The busy timeout: how long to wait for another writer's lock before failing.
            DefaultTimeout = purpose == ConnectionPurpose.Target ? Math.Max(1, settings.LockTimeoutSeconds > 0 ? settings.LockTimeoutSeconds : settings.CommandTimeout) : 30,
        };
        var connection = new SqliteConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (SqliteException ex)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new DatabaseConnectionException($"Cannot open the {database.Side.ToString().ToLowerInvariant()} database {file} (sqlite): {ex.Message}", ex);
        }
    }

    public async Task<DbTransaction?> BeginSourceReadAsync(DbConnection source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);

        // A deferred read transaction: every table in the unit reads one snapshot.
        var tx = ((SqliteConnection)source).BeginTransaction(deferred: true);
        await source.ScalarAsync(tx, "SELECT count(*) FROM sqlite_master", cancellationToken).ConfigureAwait(false);
        return tx;
    }

    public async Task<ServerIdentity> IdentifyAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var file = (string?)await connection.ScalarAsync(null, "SELECT file FROM pragma_database_list WHERE name = 'main'", cancellationToken).ConfigureAwait(false);
        return new ServerIdentity("sqlite", file ?? "");
    }

    public async Task<TableCatalog> ReadCatalogAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);

        // Every table of main (the only schema a refresh uses): SQLite's lower() folds ASCII only, so names are
        // matched in C#. Names starting sqlite_ (any case) are SQLite's own, e.g. sqlite_sequence and sqlite_stat1.
        var tables = new List<CatalogTable>();
        await using var command = connection.Command(null, "SELECT name FROM sqlite_master WHERE type = 'table'");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var name = reader.GetString(0);
            tables.Add(new CatalogTable("main", name, 0, name.StartsWith("sqlite_", StringComparison.OrdinalIgnoreCase)));
        }

        return new TableCatalog(tables);
    }

    public async Task<TableSchema> ReadTableAsync(DbConnection connection, QualifiedName table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(table);
        var ddl = (string?)await connection.ScalarAsync(null, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = @name", cancellationToken, null, ("name", table.Name)).ConfigureAwait(false) ?? "";
        var autoincrement = ddl.Contains("AUTOINCREMENT", StringComparison.OrdinalIgnoreCase);
        var raw = new List<(string Name, int Cid, string Type, bool NotNull, int Pk, int Hidden)>();
        await using (var command = connection.Command(null, "SELECT cid, name, type, \"notnull\", pk, hidden FROM pragma_table_xinfo(@name)", null, ("name", table.Name)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                raw.Add((reader.GetString(1), reader.GetInt32(0), reader.GetString(2), reader.GetInt64(3) != 0, reader.GetInt32(4), reader.GetInt32(5)));
            }
        }

        var primaryKey = raw.Where(c => c.Pk > 0).OrderBy(c => c.Pk).Select(c => c.Name).ToList();

        // A single INTEGER PRIMARY KEY column is the rowid: an identity that accepts supplied values.
        var rowid = primaryKey.Count == 1 && raw.Single(c => c.Name == primaryKey[0]).Type.Equals("INTEGER", StringComparison.OrdinalIgnoreCase) ? primaryKey[0] : null;
        var columns = raw.Select((c, i) => new ColumnInfo
        {
            Name = c.Name,
            Ordinal = i + 1,
            DataType = c.Type,
            IsNullable = !c.NotNull && c.Pk == 0,
            IsGenerated = c.Hidden is 2 or 3,
            Identity = c.Name == rowid ? IdentityKind.ByDefault : IdentityKind.None,
            Sequence = c.Name == rowid && autoincrement ? "sqlite_sequence" : null,
        }).ToList();

        var uniqueKeys = await UniqueKeysAsync(connection, table.Name, raw.Where(c => c.NotNull).Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase), cancellationToken).ConfigureAwait(false);
        var references = await ForeignKeysAsync(connection, table.Name, cancellationToken).ConfigureAwait(false);
        var referencedBy = new List<ForeignKeyInfo>();
        var others = new List<string>();
        await using (var command = connection.Command(null, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                others.Add(reader.GetString(0));
            }
        }

        foreach (var other in others)
        {
            referencedBy.AddRange((await ForeignKeysAsync(connection, other, cancellationToken).ConfigureAwait(false)).Where(fk => string.Equals(fk.To.Name, table.Name, StringComparison.OrdinalIgnoreCase)));
        }

        return new TableSchema
        {
            Name = table,
            Columns = columns,
            PrimaryKey = primaryKey,
            UniqueKeys = uniqueKeys,
            References = references,
            ReferencedBy = referencedBy.Select(fk => fk with { To = table }).ToList(),

            // An INTEGER PRIMARY KEY without AUTOINCREMENT needs nothing: SQLite gives a new row MAX(rowid) + 1.
            Sequences = rowid is not null && autoincrement
                ? [new SequenceInfo { Name = table, Kind = SequenceKind.AutoIncrement, Users = [new SequenceUser(table, rowid)] }]
                : [],
        };
    }

    /// <summary>Unique indexes (UNIQUE constraints or CREATE UNIQUE INDEX) that identify a row: not partial, no expressions, key columns NOT NULL.</summary>
    private static async Task<List<IReadOnlyList<string>>> UniqueKeysAsync(DbConnection connection, string table, HashSet<string> notNull, CancellationToken cancellationToken)
    {
        var indexes = new List<string>();
        await using (var command = connection.Command(null, "SELECT name FROM pragma_index_list(@name) WHERE \"unique\" = 1 AND origin <> 'pk' AND partial = 0 ORDER BY name", null, ("name", table)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                indexes.Add(reader.GetString(0));
            }
        }

        var keys = new List<IReadOnlyList<string>>();
        foreach (var index in indexes)
        {
            var columns = new List<string?>();
            await using var command = connection.Command(null, "SELECT name FROM pragma_index_info(@index) ORDER BY seqno", null, ("index", index));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                columns.Add(reader.IsDBNull(0) ? null : reader.GetString(0));
            }

            if (columns.Count > 0 && columns.All(c => c is not null && notNull.Contains(c)))
            {
                keys.Add(columns.Select(c => c!).ToList());
            }
        }

        return keys;
    }

    private static async Task<List<ForeignKeyInfo>> ForeignKeysAsync(DbConnection connection, string table, CancellationToken cancellationToken)
    {
        var rows = new List<(long Id, string Parent, string From, string? To, string OnUpdate, string OnDelete)>();
        await using (var command = connection.Command(null, "SELECT id, \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list(@name) ORDER BY id, seq", null, ("name", table)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetString(4), reader.GetString(5)));
            }
        }

        // SQLite's PRAGMA defer_foreign_keys defers every constraint, so all count as deferrable.
        return rows.GroupBy(r => r.Id).Select(g => new ForeignKeyInfo(
            $"fk_{table}_{g.Key}",
            new QualifiedName("main", table),
            g.Select(r => r.From).ToList(),
            new QualifiedName("main", g.First().Parent),
            g.Select(r => r.To ?? "").ToList(),
            Deferrable: true)
        {
            OnDelete = ForeignKeyInfo.ParseAction(g.First().OnDelete),
            OnUpdate = ForeignKeyInfo.ParseAction(g.First().OnUpdate),
        }).ToList();
    }

    public async Task<object?> ReadMaxAsync(DbConnection connection, DbTransaction? transaction, QualifiedName table, string column, CancellationToken cancellationToken) =>
        await connection.ScalarAsync(transaction, $"SELECT max({Quote(column)}) FROM {Quote(table)}", cancellationToken).ConfigureAwait(false);

    public async Task<bool> HasRowsAsync(DbConnection connection, DbTransaction? transaction, QualifiedName table, CancellationToken cancellationToken) =>
        await connection.ScalarAsync(transaction, $"SELECT EXISTS (SELECT 1 FROM {Quote(table)})", cancellationToken).ConfigureAwait(false) is 1L;

    public Task<long> EstimateRowsAsync(DbConnection connection, QualifiedName table, RowFilter? filter, CancellationToken cancellationToken) =>
        CountAsync(connection, null, table, filter, cancellationToken);

    /// <summary>SQLite keeps no row statistics: count(*) of each table, as the single estimate, in compound statements of up to 400 tables.</summary>
    public async Task<IReadOnlyDictionary<QualifiedName, long>> EstimateRowsAsync(DbConnection connection, IReadOnlyList<QualifiedName> tables, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(tables);
        var estimates = new Dictionary<QualifiedName, long>();
        foreach (var chunk in tables.Select((t, i) => (Table: t, Index: i)).Chunk(400))
        {
            var sql = string.Join(" UNION ALL ", chunk.Select(c => $"SELECT {c.Index.ToString(CultureInfo.InvariantCulture)}, count(*) FROM {Quote(c.Table)}"));
            await using var command = connection.Command(null, sql);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                estimates[tables[(int)reader.GetInt64(0)]] = reader.GetInt64(1);
            }
        }

        return estimates;
    }

    public async Task<long> CountAsync(DbConnection connection, DbTransaction? transaction, QualifiedName table, RowFilter? filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var sql = $"SELECT count(*) FROM {Quote(table)}" + Where(filter);
        var parameters = filter is null ? [] : new[] { ("bound", (object?)filter.Value) };
        return Convert.ToInt64(await connection.ScalarAsync(transaction, sql, cancellationToken, null, parameters).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    public string DescribeFilter(RowFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var value = filter.Value is string s ? $"'{s.Replace("'", "''", StringComparison.Ordinal)}'" : Convert.ToString(filter.Value, CultureInfo.InvariantCulture);
        return $"{Quote(filter.Column)} {Op(filter)} {value}";
    }

    /// <summary>SQLite stores any value in any column of an ordinary table; only STRICT tables refuse, and those check at insert.</summary>
    public string? Incompatibility(ColumnInfo source, ColumnInfo target) => null;

    public Task LockTableAsync(DbConnection target, DbTransaction transaction, QualifiedName table, TimeSpan wait, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>SQLite's lock is the whole file's write lock, taken when the refresh transaction begins.</summary>
    public Task<string?> RefreshLockHolderAsync(DbConnection connection, QualifiedName table, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    /// <summary>SQLite checks every foreign key at COMMIT once defer_foreign_keys is on.</summary>
    public async Task<IReadOnlyList<ForeignKeyInfo>> DeferConstraintsAsync(DbConnection target, DbTransaction transaction, IReadOnlyList<ForeignKeyInfo> foreignKeys, CancellationToken cancellationToken)
    {
        await target.ExecuteAsync(transaction, "PRAGMA defer_foreign_keys = ON", cancellationToken).ConfigureAwait(false);
        return foreignKeys;
    }

    public Task RecheckConstraintsAsync(DbConnection target, DbTransaction transaction, IReadOnlyList<ForeignKeyInfo> foreignKeys, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<long> EmptyAsync(DbConnection target, DbTransaction transaction, QualifiedName table, bool truncate, int commandTimeout, CancellationToken cancellationToken) =>
        await target.ExecuteAsync(transaction, $"DELETE FROM {Quote(table)}", cancellationToken, commandTimeout).ConfigureAwait(false);

    public async Task<long> DeleteAsync(DbConnection target, DbTransaction transaction, QualifiedName table, RowFilter filter, int commandTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return await target.ExecuteAsync(transaction, $"DELETE FROM {Quote(table)}{Where(filter)}", cancellationToken, commandTimeout, ("bound", filter.Value)).ConfigureAwait(false);
    }

    /// <summary>
    /// Rows travel as SQLite's own storage classes (integer, real, text, blob), so nothing is reinterpreted; a
    /// <see cref="CopyRequest.Transform"/> changes each row's values between the read and the INSERT.
    /// </summary>
    public async Task<long> CopyAsync(CopyRequest request, IProgress<long> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(progress);
        var columns = string.Join(", ", request.Columns.Select(Quote));
        var select = $"SELECT {columns} FROM {Quote(request.SourceTable.Name)}{Where(request.Filter)}";
        if (request.RowLimit is { } limit)
        {
            var order = request.Filter is { } f ? [f.Column] : request.SourceTable.PrimaryKey;
            select += (order.Count > 0 ? " ORDER BY " + string.Join(", ", order.Select(Quote)) : "") + $" LIMIT {limit}";
        }

        var parameters = request.Filter is null ? [] : new[] { ("bound", (object?)request.Filter.Value) };
        await using var read = request.Source.Command(request.SourceTransaction, select, request.CommandTimeout, parameters);
        await using var insert = (SqliteCommand)request.Target.Command(
            request.TargetTransaction,
            $"INSERT INTO {Quote(request.TargetTable.Name)} ({columns}) VALUES ({string.Join(", ", request.Columns.Select((_, i) => $"@p{i}"))})",
            request.CommandTimeout);
        var values = new SqliteParameter[request.Columns.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = insert.Parameters.Add(new SqliteParameter($"@p{i}", null));
        }

        insert.Prepare();
        var transform = request.Transform?.Bind(request);
        var row = new object?[values.Length];
        long rows = 0;
        await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (transform is null)
            {
                for (var i = 0; i < values.Length; i++)
                {
                    values[i].Value = reader.GetValue(i);
                }
            }
            else
            {
                RowTransforms.Read(reader, row);
                transform.Apply(row);
                for (var i = 0; i < values.Length; i++)
                {
                    values[i].Value = row[i] ?? DBNull.Value;
                }
            }

            try
            {
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (SqliteException ex) when (ex.SqliteExtendedErrorCode == SqliteErrors.ForeignKeyFailed)
            {
                throw await SqliteErrors.ForeignKeyAsync(request, values.Select(v => v.Value).ToList(), ex, cancellationToken).ConfigureAwait(false);
            }

            if (++rows % request.BatchSize == 0)
            {
                progress.Report(rows);
            }
        }

        progress.Report(rows);
        return rows;
    }

    /// <summary>
    /// AUTOINCREMENT never reuses a rowid: a new row gets more than both MAX(rowid) and the table's sqlite_sequence
    /// row, which DELETE leaves alone. Raise that row to the loaded MAX so it counts the loaded rows as handed out;
    /// never lower it, so ids UAT handed out before the refresh stay retired.
    /// </summary>
    public async Task<bool> AdvanceSequenceAsync(DbConnection target, DbTransaction transaction, SequenceInfo sequence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        var moved = false;
        foreach (var user in sequence.Users)
        {
            var max = await target.ScalarAsync(transaction, $"SELECT max({Quote(user.Column)}) FROM {Quote(user.Table)}", cancellationToken).ConfigureAwait(false);
            if (max is null)
            {
                continue;
            }

            var name = ("name", (object?)user.Table.Name);
            var updated = await target.ExecuteAsync(transaction, "UPDATE sqlite_sequence SET seq = @max WHERE name = @name AND seq < @max", cancellationToken, null, ("max", max), name).ConfigureAwait(false);
            if (updated == 0)
            {
                updated = await target.ExecuteAsync(transaction, "INSERT INTO sqlite_sequence (name, seq) SELECT @name, @max WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = @name)", cancellationToken, null, ("max", max), name).ConfigureAwait(false);
            }

            moved |= updated > 0;
        }

        return moved;
    }

    /// <summary>SQLite has no logins: the question is whether this process could open the file for writing.</summary>
    public async Task<bool> CanWriteAsync(DbConnection connection, QualifiedName table, CancellationToken cancellationToken)
    {
        var identity = await IdentifyAsync(connection, cancellationToken).ConfigureAwait(false);
        try
        {
            using var stream = new FileStream(identity.Database, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
            return true;
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            return false;
        }
    }

    public bool IsTransient(Exception exception) => exception is SqliteException { SqliteErrorCode: 5 or 6 };

    public bool IsAuthenticationFailure(Exception exception) => false;

    private static string Op(RowFilter filter) => filter.Operator == FilterOperator.Greater ? ">" : ">=";

    private static string Where(RowFilter? filter) => filter is null ? "" : $" WHERE {Quote(filter.Column)} {Op(filter)} @bound";
}
