using System.Data.Common;
using DataRefresh.Configuration;
using DataRefresh.Tests.Conformance;
using Microsoft.Data.Sqlite;

namespace DataRefresh.Tests.Masking;

/// <summary>masking: end to end against two SQLite files (no server needed).</summary>
public sealed class SqliteMaskingRefreshTests : MaskingRefreshTests
{
    protected override Task<IConformanceTarget> CreateTargetAsync() => Task.FromResult<IConformanceTarget>(new SqliteConformanceTests.SqliteTarget());

    protected override string Varchar(int length) => $"VARCHAR({length})";

    protected override async Task<DbConnection> OpenAsync(DatabaseSide side)
    {
        var config = Db.Config([]);
        var file = side == DatabaseSide.Source ? config.Source.Database : config.Target.Database;
        var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ConnectionString);
        await c.OpenAsync();
        return c;
    }

    protected override async Task<IReadOnlyList<string>> AllTablesAsync(DatabaseSide side) =>
        [.. (await RowsAsync(side, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")).Select(r => r[0]!)];

    protected override string StampLabelTrigger(string table) =>
        $"CREATE TRIGGER {table}_stamp AFTER INSERT ON {table} WHEN NEW.id = 5 BEGIN UPDATE {table} SET label = 'stamped in uat' WHERE id = NEW.id; END";
}
