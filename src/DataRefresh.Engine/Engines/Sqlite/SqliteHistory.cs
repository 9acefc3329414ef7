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
