using DataRefresh.Configuration;
using DataRefresh.Engines;
using DataRefresh.Execution;
using DataRefresh.History;
using DataRefresh.Tests.Support;

namespace DataRefresh.Tests.PostgreSql;

/// <summary>
/// The run tag on a real server: the staging cleanup and the history's liveness check find run X's staging tables
/// and sessions by X's tag, and leave them alone while X is connected; run Y's are dropped and found dead.
/// </summary>
[Trait("Category", "PostgreSql")]
public sealed class PostgreSqlRunTagTests : PostgresTestBase
{
    private static readonly RunTag X = RunTag.New();
    private static readonly RunTag Y = RunTag.New();

    [Fact]
    public async Task Cleanup_drops_a_dead_runs_staging_and_keeps_a_live_runs_until_it_asks()
    {
        var engine = EngineRegistry.For(EngineKind.PostgreSql);
        var mine = X.Unit(1).Name("0");
        var dead = Y.Unit(1).Name("0");
        await Pg.ExecAsync(Tgt, $"CREATE TABLE \"{mine}\" (id bigint); CREATE TABLE \"{dead}\" (id bigint)");
        await using var live = await Pg.OpenAsync(Tgt, X.Label + " nightly");
        await using var cleaner = await Pg.OpenAsync(Tgt);

        Assert.Equal(1, await engine.Staging.DropStagingAsync(cleaner, null, null, CancellationToken.None));
        Assert.Equal(mine, await Pg.ScalarAsync<string>(Tgt, $"SELECT string_agg(relname, ',') FROM pg_class WHERE relname LIKE '{RunTag.StagingLikePattern}'"));

        Assert.Equal(1, await engine.Staging.DropStagingAsync(cleaner, null, X.Unit(1), CancellationToken.None));
        Assert.Equal(0L, await Pg.ScalarAsync<long>(Tgt, $"SELECT count(*) FROM pg_class WHERE relname LIKE '{RunTag.StagingLikePattern}'"));
    }

    [Fact]
    public async Task A_run_is_alive_while_a_session_carries_its_label()
    {
        var engine = EngineRegistry.For(EngineKind.PostgreSql);
        await using var live = await Pg.OpenAsync(Tgt, X.Label + " nightly");
        await using var checker = await Pg.OpenAsync(Tgt);

        Assert.True(await engine.History.IsRunAliveAsync(checker, Running(X), CancellationToken.None));
        Assert.False(await engine.History.IsRunAliveAsync(checker, Running(Y), CancellationToken.None));
    }

    private static HistoryEntry Running(RunTag run) => new() { EntryId = "1", RunId = run.RunId, Table = "facts" };
}
