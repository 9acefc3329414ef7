using System.Data.Common;
using DataRefresh.Catalog;
using DataRefresh.Execution;
using DataRefresh.History;

namespace DataRefresh.Engines.SqlServer;

internal sealed class SqlServerHistory : IHistoryDialect
{
    /// <summary>Without VIEW SERVER STATE only our own sessions are visible, so no other run can be proven dead.</summary>
    private const string RunAlive = """
        SELECT CAST(CASE WHEN HAS_PERMS_BY_NAME(NULL, NULL, N'VIEW SERVER STATE') = 0 THEN 1
                         WHEN EXISTS (SELECT 1 FROM sys.dm_exec_sessions WHERE program_name LIKE @run AND session_id <> @@SPID) THEN 1
                         ELSE 0 END AS bit)
        """;

    public string TextType => "nvarchar(max)";

    public string KeyTextType => "nvarchar(400)";

    public string TimestampType => "datetime2(7)";

    public string Quote(QualifiedName table) => SqlServerSql.Quote(table);

    public bool LimitsWithTop => true;

    public bool FoldsTableNames => false;

    /// <summary>An index belongs to its table: CREATE INDEX takes the bare name.</summary>
    public string IndexOn(QualifiedName table, string index) => $"{SqlServerSql.Quote(index)} ON {SqlServerSql.Quote(table)}";

    public string IndexExists(QualifiedName table) =>
        "SELECT 1 FROM sys.indexes WHERE object_id = OBJECT_ID(QUOTENAME(@schema) + N'.' + QUOTENAME(@table)) AND name = @index";

    public async Task<string> DefaultSchemaAsync(DbConnection connection, CancellationToken cancellationToken) =>
        (string?)await connection.ScalarAsync(null, SqlServerSql.DefaultSchema, cancellationToken).ConfigureAwait(false) ?? "dbo";

    public async Task<string> LoginAsync(DbConnection connection, CancellationToken cancellationToken) =>
        (string?)await connection.ScalarAsync(null, SqlServerSql.Login, cancellationToken).ConfigureAwait(false) ?? "";

    public async Task<bool> IsRunAliveAsync(DbConnection connection, HistoryEntry running, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(running);
        return await connection.ScalarAsync(null, RunAlive, cancellationToken, null, ("run", RunTag.SessionPatternFor(running.RunId))).ConfigureAwait(false) is true;
    }

    /// <summary>datetime2(7), as the columns are: an untyped DateTime goes as datetime and rounds to 1/300 s.</summary>
    public void TypeTimestamp(DbParameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        parameter.DbType = System.Data.DbType.DateTime2;
        parameter.Scale = 7;
    }

    public DateTime ReadTimestamp(object value) => value is DateTime d ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : DateTime.MinValue;

    internal static string RunAliveSql => RunAlive;
}
