using DataRefresh.Catalog;

namespace DataRefresh.History;

/// <summary>The history table's statements, shared by every engine; the dialect supplies quoting and types.</summary>
public static class HistorySql
{
    public const string Columns = "entry_id, run_id, table_name, attempt, sync_mode, action, status, started_at, ended_at, rows_copied, rows_deleted, watermark_before, watermark_after, error, os_user, db_login, host, process_id, module_version";

    /// <summary>Every column the journal reads and writes: a table lacking one is not a history table.</summary>
    public static IReadOnlyList<string> ColumnNames { get; } = Columns.Split(", ");

    /// <summary>
    /// Columns added after the first release (rows a merge inserted and updated; the verdict of verify:; the masked columns and their rules). A history table created by an
    /// earlier version gets them with ALTER TABLE … ADD on the next write; until then (or where the login may not
    /// alter it) it keeps working without them, and they read as NULL.
    /// </summary>
    public static IReadOnlyList<string> AddedColumns { get; } = ["rows_inserted", "rows_updated", "verify_status", "verify_detail", "masked_columns"];

    private const string AddedList = "rows_inserted, rows_updated, verify_status, verify_detail, masked_columns";

    public static string AddColumn(IHistoryDialect dialect, QualifiedName table, string column)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        var type = column switch
        {
            "verify_status" => dialect.KeyTextType,
            "verify_detail" or "masked_columns" => dialect.TextType,
            _ => "bigint",
        };
        return $"ALTER TABLE {Quote(dialect, table)} ADD {column} {type} NULL";
    }

    public static string CreateTable(IHistoryDialect dialect, QualifiedName table)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        var key = dialect.KeyTextType;
        var text = dialect.TextType;
        var ts = dialect.TimestampType;
        return $"""
            CREATE TABLE {dialect.Quote(table)} (
                entry_id {key} NOT NULL PRIMARY KEY,
                run_id {key} NOT NULL,
                table_name {key} NOT NULL,
                attempt integer NOT NULL,
                sync_mode {key} NOT NULL,
                action {key} NOT NULL,
                status {key} NOT NULL,
                started_at {ts} NOT NULL,
                ended_at {ts} NULL,
                rows_copied bigint NOT NULL,
                rows_deleted bigint NOT NULL,
                watermark_before {text} NULL,
                watermark_after {text} NULL,
                error {text} NULL,
                os_user {key} NOT NULL,
                db_login {key} NOT NULL,
                host {key} NOT NULL,
                process_id integer NOT NULL,
                module_version {key} NOT NULL,
                rows_inserted bigint NULL,
                rows_updated bigint NULL,
                verify_status {key} NULL,
                verify_detail {text} NULL,
                masked_columns {text} NULL
            )
            """;
    }

    public static string Insert(IHistoryDialect dialect, QualifiedName table, bool added) =>
        $"INSERT INTO {Quote(dialect, table)} ({Columns}{(added ? ", " + AddedList : "")}) VALUES (@entry_id, @run_id, @table_name, @attempt, @sync_mode, @action, @status, @started_at, @ended_at, @rows_copied, @rows_deleted, @watermark_before, @watermark_after, @error, @os_user, @db_login, @host, @process_id, @module_version{(added ? ", @rows_inserted, @rows_updated, @verify_status, @verify_detail, @masked_columns" : "")})";

    public static string Finish(IHistoryDialect dialect, QualifiedName table, bool added) =>
        $"UPDATE {Quote(dialect, table)} SET action = @action, status = @status, ended_at = @ended_at, rows_copied = @rows_copied, rows_deleted = @rows_deleted, {(added ? "rows_inserted = @rows_inserted, rows_updated = @rows_updated, verify_status = @verify_status, verify_detail = @verify_detail, masked_columns = @masked_columns, " : "")}watermark_after = @watermark_after, error = @error WHERE entry_id = @entry_id";

    /// <summary>ended_at stays NULL: when the killed process stopped is unknown, so no duration is claimed.</summary>
    public static string Abandon(IHistoryDialect dialect, QualifiedName table) =>
        $"UPDATE {Quote(dialect, table)} SET status = @status, error = @error WHERE entry_id = @entry_id AND status = 'Running'";

    /// <summary>
    /// Newest first; <paramref name="conditions"/> are parameterised predicates built by the journal. With
    /// <paramref name="limited"/> the database returns only the newest @last rows (TOP (@last) or LIMIT @last), read
    /// from <see cref="Indexes"/>' started index rather than sorting the whole table.
    /// </summary>
    public static string Select(IHistoryDialect dialect, QualifiedName table, IReadOnlyList<string> conditions, bool added, bool limited = false)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(conditions);
        var counts = added ? ", " + AddedList : ", NULL AS rows_inserted, NULL AS rows_updated, NULL AS verify_status, NULL AS verify_detail, NULL AS masked_columns";
        var top = limited && dialect.LimitsWithTop ? "TOP (@last) " : "";
        var limit = limited && !dialect.LimitsWithTop ? " LIMIT @last" : "";
        return $"SELECT {top}{Columns}{counts} FROM {Quote(dialect, table)}{(conditions.Count > 0 ? " WHERE " + string.Join(" AND ", conditions) : "")} ORDER BY started_at DESC, entry_id{limit}";
    }

    /// <summary>
    /// Each named table's newest row (newest by started_at, then entry_id, as <see cref="Select"/> orders), from one
    /// statement: a seek per name on <see cref="Indexes"/>' table index, however many newer rows other tables have.
    /// The names are parameters @t0 … @t{count-1}, lowered where <see cref="IHistoryDialect.FoldsTableNames"/>.
    /// </summary>
    public static string LastPerTable(IHistoryDialect dialect, QualifiedName table, int count, bool added)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        var counts = added ? ", " + AddedList : ", NULL AS rows_inserted, NULL AS rows_updated, NULL AS verify_status, NULL AS verify_detail, NULL AS masked_columns";
        var quoted = Quote(dialect, table);
        var top = dialect.LimitsWithTop ? "TOP (1) " : "";
        var limit = dialect.LimitsWithTop ? "" : " LIMIT 1";
        var names = string.Join(" UNION ALL ", Enumerable.Range(0, count).Select(i => $"SELECT @t{i.ToString(System.Globalization.CultureInfo.InvariantCulture)} AS name"));
        return $"SELECT {Columns}{counts} FROM {quoted} WHERE entry_id IN (SELECT (SELECT {top}x.entry_id FROM {quoted} x WHERE {TableKey(dialect, "x.table_name")} = n.name "
            + $"ORDER BY x.started_at DESC, x.entry_id{limit}) FROM ({names}) n) ORDER BY started_at DESC, entry_id";
    }

    /// <summary>table_name as the table index keys it: lower(column) where the dialect folds names, else the column.</summary>
    public static string TableKey(IHistoryDialect dialect, string column)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        return dialect.FoldsTableNames ? $"lower({column})" : column;
    }

    /// <summary>
    /// The history table's indexes, created with it and added to a table from an earlier version when a run starts:
    /// newest first (Get-RefreshHistory -Last, -Since), newest first per status (-Status, and the Running rows every
    /// run looks at when it starts), and newest first per table (the dashboard's last refresh of each table,
    /// Get-RefreshHistory -Table), keyed as <see cref="TableKey"/> for <paramref name="dialect"/> (default: lowered).
    /// Names stay well under PostgreSQL's 63 bytes so they are never truncated.
    /// </summary>
    public static IReadOnlyList<(string Name, string Keys)> Indexes(QualifiedName table, IHistoryDialect? dialect = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var stem = table.Name;
        while (System.Text.Encoding.UTF8.GetByteCount(stem) > 50)
        {
            stem = stem[..^1];
        }

        return
        [
            ($"{stem}_started_ix", "started_at DESC, entry_id"),
            ($"{stem}_status_ix", "status, started_at DESC, entry_id"),
            ($"{stem}_table_ix", $"{(dialect is { FoldsTableNames: false } ? "table_name" : "lower(table_name)")}, started_at DESC, entry_id"),
        ];
    }

    public static string CreateIndex(IHistoryDialect dialect, QualifiedName table, string name, string keys)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        return $"CREATE INDEX {dialect.IndexOn(table, name)} ({keys})";
    }

    private static string Quote(IHistoryDialect dialect, QualifiedName table)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        return dialect.Quote(table);
    }
}
