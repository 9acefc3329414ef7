using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using DataRefresh.Catalog;
using DataRefresh.History;

namespace DataRefresh.Engines.Sqlite;

internal sealed class SqliteHistory : IHistoryDialect
{
    public string TextType => "TEXT";

    public string KeyTextType => "TEXT";

    public string TimestampType => "TEXT";

    public string Quote(QualifiedName table) => SqliteEngine.Quote(table);

    public bool LimitsWithTop => false;

    /// <summary>SQLite names the index's database on the index, not on its table: CREATE INDEX "main"."ix" ON "t".</summary>
    public string IndexOn(QualifiedName table, string index)
    {
        ArgumentNullException.ThrowIfNull(table);
        return $"{SqliteEngine.Quote(new QualifiedName(table.Schema, index))} ON {SqliteEngine.Quote(table.Name)}";
    }

    public string IndexExists(QualifiedName table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return $"SELECT 1 FROM {SqliteEngine.Quote(new QualifiedName(table.Schema, "sqlite_master"))} WHERE type = 'index' AND tbl_name = @table AND name = @index";
    }

    public Task<string> DefaultSchemaAsync(DbConnection connection, CancellationToken cancellationToken) => Task.FromResult("main");

    public Task<string> LoginAsync(DbConnection connection, CancellationToken cancellationToken) => Task.FromResult(Environment.UserName);

    /// <summary>Without a server to ask, a run is alive while its process is (checked on the same host only).</summary>
    public Task<bool> IsRunAliveAsync(DbConnection connection, HistoryEntry running, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(running);
        if (!string.Equals(running.Host, Environment.MachineName, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(true);
        }

        try
        {
            using var process = Process.GetProcessById(running.ProcessId);
            return Task.FromResult(!process.HasExited);
        }
        catch (ArgumentException)
        {
            return Task.FromResult(false);
        }
    }

    public DateTime ReadTimestamp(object value) => value switch
    {
        DateTime d => DateTime.SpecifyKind(d, DateTimeKind.Utc),
        string s => DateTime.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        _ => DateTime.MinValue,
    };
}
