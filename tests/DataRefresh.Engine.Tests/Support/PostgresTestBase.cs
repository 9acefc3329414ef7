namespace DataRefresh.Tests.Support;

/// <summary>A fresh source and target database on the test server for each test.</summary>
public abstract class PostgresTestBase : IAsyncLifetime
{
    protected PostgresServer Pg { get; private set; } = null!;

    protected string Src { get; private set; } = "";

    protected string Tgt { get; private set; } = "";

    public virtual async ValueTask InitializeAsync()
    {
        Pg = await PostgresServer.CreateAsync();
        Src = await Pg.CreateDatabaseAsync("src");
        Tgt = await Pg.CreateDatabaseAsync("tgt");
    }

    public async ValueTask DisposeAsync()
    {
        await Pg.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Run the same DDL on both sides.</summary>
    protected async Task Both(string sql)
    {
        await Pg.ExecAsync(Src, sql);
        await Pg.ExecAsync(Tgt, sql);
    }
}
