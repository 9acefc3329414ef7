using System.Data.Common;
using DataRefresh.Catalog;
using DataRefresh.Execution;
using DataRefresh.History;

namespace DataRefresh.Engines.PostgreSql;

internal sealed class PostgreSqlHistory : IHistoryDialect
{
    public string TextType => "text";

    public string KeyTextType => "text";

    public string TimestampType => "timestamptz";

    public string Quote(QualifiedName table) => PostgreSqlEngine.Quote(table);

    public bool LimitsWithTop => false;

    /// <summary>An index lives in its table's schema: CREATE INDEX takes the bare name.</summary>
    public string IndexOn(QualifiedName table, string index) => $"{PostgreSqlEngine.Quote(index)} ON {PostgreSqlEngine.Quote(table)}";

    public string IndexExists(QualifiedName table) =>
        "SELECT 1 FROM pg_catalog.pg_indexes WHERE schemaname = @schema AND tablename = @table AND indexname = @index";

    public async Task<string> DefaultSchemaAsync(DbConnection connection, CancellationToken cancellationToken) =>
        (string?)await connection.ScalarAsync(null, "SELECT current_schema()", cancellationToken).ConfigureAwait(false) ?? "public";

    public async Task<string> LoginAsync(DbConnection connection, CancellationToken cancellationToken) =>
        (string?)await connection.ScalarAsync(null, "SELECT session_user::text", cancellationToken).ConfigureAwait(false) ?? "";

    /// <summary>Every refresh session's application_name starts with its run's label (<see cref="RunTag"/>); none left means the run is gone.</summary>
    public async Task<bool> IsRunAliveAsync(DbConnection connection, HistoryEntry running, CancellationToken cancellationToken) =>
        await connection.ScalarAsync(null, "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE application_name LIKE @run AND pid <> pg_backend_pid())", cancellationToken, null, ("run", RunTag.SessionPatternFor(running.RunId))).ConfigureAwait(false) is true;

    public DateTime ReadTimestamp(object value) => value is DateTime d ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : DateTime.MinValue;
}
