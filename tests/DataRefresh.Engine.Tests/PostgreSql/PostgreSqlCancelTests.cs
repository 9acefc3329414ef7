using DataRefresh.Catalog;
using DataRefresh.Configuration;
using DataRefresh.Engines;
using DataRefresh.Tests.Support;

namespace DataRefresh.Tests.PostgreSql;

/// <summary>A copy stopped midway (Ctrl+C, a target error) cancels the source read instead of reading production to the end.</summary>
[Trait("Category", "PostgreSql")]
public sealed class PostgreSqlCancelTests : PostgresTestBase
{
    private const long SourceRows = 1_000_000;

    [Theory]
    [InlineData("bigint")]
    [InlineData("numeric")]
    public async Task A_cancelled_copy_stops_reading_the_source(string targetType)
    {
        // The probe counts the rows the source server produced: every row the WHERE clause lets through calls nextval.
        await Pg.ExecAsync(Src, $"CREATE SEQUENCE probe; CREATE TABLE facts (id bigint PRIMARY KEY, payload text); INSERT INTO facts SELECT g, md5(g::text) FROM generate_series(1, {SourceRows}) g");
        await Pg.ExecAsync(Tgt, $"CREATE TABLE facts (id {targetType} PRIMARY KEY, payload text)");
        var engine = EngineRegistry.For(EngineKind.PostgreSql);
        var name = new QualifiedName("public", "facts");
        await using var source = await Pg.OpenAsync(Src);
        await using var target = await Pg.OpenAsync(Tgt);
        await using var tx = await target.BeginTransactionAsync();
        using var stop = new CancellationTokenSource();
        var request = new CopyRequest
        {
            Source = source,
            Target = target,
            TargetTransaction = tx,
            SourceTable = await engine.ReadTableAsync(source, name, CancellationToken.None),
            TargetTable = await engine.ReadTableAsync(target, name, CancellationToken.None),
            Columns = ["id", "payload"],
            SourcePredicate = "nextval('probe') > 0",
            BatchSize = 1000,
        };

        var copy = engine.CopyAsync(request, new Stop(stop), stop.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => copy);
        var produced = await Pg.ScalarAsync<long>(Src, "SELECT last_value FROM probe");
        Assert.True(produced < SourceRows / 2, $"the source produced {produced} of {SourceRows} rows after the copy was cancelled");
    }

    /// <summary>Cancels at the first progress report, as Ctrl+C would mid-copy.</summary>
    private sealed class Stop(CancellationTokenSource stop) : IProgress<long>
    {
        public void Report(long value)
        {
            if (value > 0)
            {
                stop.Cancel();
            }
        }
    }
}
