using DataRefresh.Configuration;
using DataRefresh.Engines;
using DataRefresh.Execution;
using DataRefresh.Planning;
using DataRefresh.Tests.Support;
using static DataRefresh.Configuration.DatabaseSide;
using static DataRefresh.Tests.Support.RefreshHarness;

namespace DataRefresh.Tests.Conformance;

/// <summary>
/// The copy pipeline's row transform (the seam masking builds on): set on the plans, it changes the rows of every
/// copy a run makes — simple_copy's full and incremental copies, the incremental_overlap re-read, a merge's
/// temporary table, every staging table of staging_partition_switch — and every one of those copies is the
/// table's one copy request, with the same fields, redirected.
/// </summary>
public abstract partial class EngineConformanceTests
{
    private const int TransformBatch = 777;
    private const int TransformTimeout = 123;

    private static async Task<(IReadOnlyList<RefreshPlan> Plans, IReadOnlyList<RefreshResult> Results)> RunTransformedAsync(RefreshConfig config, IRowTransform transform)
    {
        var ct = TestContext.Current.CancellationToken;
        var plans = (await Planner.PlanAsync(config, null, ct)).Select(p => p with { Transform = transform }).ToList();
        var results = await new RefreshRunner(config, new RecordingObserver()).RunAsync(plans, 1, ct);
        return (plans, results);
    }

    private RefreshConfig TransformConfig(params TableConfig[] tables) =>
        Db.Config(tables.Select(t => t with { BatchSize = TransformBatch }), s => s with { CommandTimeout = TransformTimeout });

    /// <summary>
    /// Every copy the transform was bound to for the plan's table carries the plan's fields; the ones built for another
    /// slice differ only there (and, with <paramref name="parallelLoads"/>, in the source session a load reads on: a
    /// parallel staging load has its own, in the same snapshot).
    /// </summary>
    private static List<CopyRequest> AssertOneRequest(UpperCaseTransform transform, RefreshPlan plan, bool parallelLoads = false)
    {
        var requests = transform.Requests.Where(r => string.Equals(r.SourceTable.Name.Name, plan.Table, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.NotEmpty(requests);
        var first = requests[0];
        Assert.Same(transform, first.Transform);
        Assert.True(first.Transforms);
        Assert.Equal((TransformBatch, TransformTimeout), (first.BatchSize, first.CommandTimeout));
        Assert.Equal(plan.Columns, first.Columns);
        foreach (var request in requests)
        {
            string[] slice = [nameof(CopyRequest.Filter), nameof(CopyRequest.RowLimit), nameof(CopyRequest.SourcePredicate)];
            CopyRequestFields.AssertSame(first, request, parallelLoads ? [.. slice, nameof(CopyRequest.Source), nameof(CopyRequest.SourceTransaction)] : slice);
        }

        return requests;
    }

    [Fact]
    public async Task A_row_transform_changes_the_rows_of_simple_copy_full_incremental_overlap_and_merge_copies()
    {
        SkipIfKnownBug();
        await Both($"""
            CREATE TABLE people (id {Db.IntType} PRIMARY KEY, name {Db.TextType}, note {Db.TextType});
            CREATE TABLE visits (id {Db.IntType} PRIMARY KEY, name {Db.TextType});
            CREATE TABLE lookup (id {Db.IntType} PRIMARY KEY, name {Db.TextType});
            """);
        await Db.ExecAsync(Source, $"INSERT INTO people (id, name, note) SELECT g, {Db.Concat("'person '", "g")}, {Db.Concat("'note '", "g")} FROM {Db.Series(1, 50)}");
        await Db.ExecAsync(Source, "UPDATE people SET name = NULL WHERE id = 5");
        await Db.ExecAsync(Target, "INSERT INTO people (id, name, note) VALUES (999, 'stale', 'stale')");
        await Db.ExecAsync(Source, $"INSERT INTO visits (id, name) SELECT g, {Db.Concat("'visit '", "g")} FROM {Db.Series(1, 60)}");
        // UAT has 1..40 but 39, which committed late in production: the overlap re-read brings it.
        await Db.ExecAsync(Target, $"INSERT INTO visits (id, name) SELECT g, {Db.Concat("'visit '", "g")} FROM {Db.Series(1, 40)}");
        await Db.ExecAsync(Target, "DELETE FROM visits WHERE id = 39");
        await Db.ExecAsync(Source, $"INSERT INTO lookup (id, name) SELECT g, {Db.Concat("'lookup '", "g")} FROM {Db.Series(1, 10)}");
        await Db.ExecAsync(Target, $"INSERT INTO lookup (id, name) SELECT g, {Db.Concat("'old '", "g")} FROM {Db.Series(1, 12)}");
        var transform = new UpperCaseTransform("name");
        var config = TransformConfig(
            Full("people") with { LoadMethod = LoadMethod.Reload },
            Incremental("visits", "id"),
            Full("lookup") with { LoadMethod = LoadMethod.Merge });

        var (plans, results) = await RunTransformedAsync(config, transform);

        Assert.All(results, r => Assert.True(r.Status == RefreshStatus.Succeeded, r.Error));
        Assert.True(plans.Single("visits").Overlap > 0, "the incremental copy re-reads an overlap");
        Assert.Equal(50L, await Long(Target, "SELECT count(*) FROM people"));
        Assert.Equal(49L, await Long(Target, "SELECT count(*) FROM people WHERE name = upper(name) AND name LIKE 'PERSON %'"));
        Assert.Null(await Text(Target, "SELECT name FROM people WHERE id = 5"));
        Assert.Equal("note 7", await Text(Target, "SELECT note FROM people WHERE id = 7"));
        Assert.Equal("PERSON 7", await Text(Target, "SELECT name FROM people WHERE id = 7"));

        // Rows above the watermark and the late row 39 went through the transform; rows UAT kept did not.
        Assert.Equal(60L, await Long(Target, "SELECT count(*) FROM visits"));
        Assert.Equal(21L, await Long(Target, "SELECT count(*) FROM visits WHERE name = upper(name)"));
        Assert.Equal("VISIT 39", await Text(Target, "SELECT name FROM visits WHERE id = 39"));
        Assert.Equal("visit 38", await Text(Target, "SELECT name FROM visits WHERE id = 38"));

        Assert.Equal(LoadMethod.Merge, results.Single("lookup").LoadMethod);
        Assert.Equal(10L, await Long(Target, "SELECT count(*) FROM lookup"));
        Assert.Equal(10L, await Long(Target, "SELECT count(*) FROM lookup WHERE name = upper(name) AND name LIKE 'LOOKUP %'"));

        AssertOneRequest(transform, plans.Single("people"));
        var visits = AssertOneRequest(transform, plans.Single("visits"));
        Assert.Equal(2, visits.Count);
        Assert.Equal(FilterOperator.Greater, visits[0].Filter?.Operator);
        Assert.Equal((FilterOperator.GreaterOrEqual, (long?)plans.Single("visits").Overlap), (visits[1].Filter?.Operator, visits[1].RowLimit));
        Assert.Single(AssertOneRequest(transform, plans.Single("lookup")));
    }

    [Fact]
    public async Task A_row_transform_changes_the_rows_that_staging_loads_partition_by_partition_or_aside()
    {
        SkipIfKnownBug();
        var columns = $"id {Db.BigIntType} NOT NULL, day {Db.DateType} NOT NULL, name {Db.KeyType}, PRIMARY KEY (id, day)";
        foreach (var statement in Db.MonthlyPartitioned("daily", columns, "day", new DateOnly(2024, 1, 1), 3))
        {
            await Both(statement);
        }

        await Both($"CREATE TABLE plain ({columns})");
        foreach (var table in new[] { "daily", "plain" })
        {
            await Db.ExecAsync(Source, $"INSERT INTO {table} (id, day, name) SELECT g, {Db.AddDays("2024-01-01", "g")}, {Db.Concat("'row '", "g")} FROM {Db.Series(0, 80)}");
            await Db.ExecAsync(Target, $"INSERT INTO {table} (id, day, name) VALUES (1000, '2024-02-10', 'stale')");
        }

        var transform = new UpperCaseTransform("name");
        TableConfig Staged(TableConfig t) => t with { Strategy = RefreshStrategy.StagingPartitionSwitch };
        var (plans, results) = await RunTransformedAsync(TransformConfig(Staged(Full("daily")), Staged(Full("plain"))), transform);

        Assert.All(results, r => Assert.True(r.Status == RefreshStatus.Succeeded, r.Error));
        foreach (var table in new[] { "daily", "plain" })
        {
            Assert.Equal(81L, await Long(Target, $"SELECT count(*) FROM {table}"));
            Assert.Equal(81L, await Long(Target, $"SELECT count(*) FROM {table} WHERE name = upper(name) AND name LIKE 'ROW %'"));
            AssertOneRequest(transform, plans.Single(table), parallelLoads: Db.Kind == EngineKind.PostgreSql);
        }

        if (Db.Kind == EngineKind.PostgreSql)
        {
            // Partition by partition: each swapped partition's staging table got its own slice of the one request.
            Assert.Equal(3, transform.Requests.Count(r => r.SourceTable.Name.Name == "daily" && r.SourcePredicate is not null));
        }

        // A buffered window: the partition straddling the bound keeps its rows below it and is refilled in place.
        await Db.ExecAsync(Source, "UPDATE daily SET name = 'changed' WHERE id IN (30, 57, 70)");
        var window = new UpperCaseTransform("name");
        var (_, second) = await RunTransformedAsync(TransformConfig(Staged(Incremental("daily", "day", IncrementalType.Date, buffer: 25))), window);

        Assert.Equal(RefreshStatus.Succeeded, second.Single("daily").Status);
        Assert.Equal("CHANGED", await Text(Target, "SELECT name FROM daily WHERE id = 70"));
        Assert.Equal("CHANGED", await Text(Target, "SELECT name FROM daily WHERE id = 57"));
        Assert.Equal("ROW 30", await Text(Target, "SELECT name FROM daily WHERE id = 30"));
        Assert.NotEmpty(window.Requests);
        Assert.All(window.Requests, r => Assert.Equal(FilterOperator.GreaterOrEqual, r.Filter?.Operator));
    }

    /// <summary>
    /// Every type survives a transformed copy: the columns a transform changes are decoded and encoded again (here
    /// to the same value), and the others pass as they are (PostgreSQL: as their binary COPY fields' bytes).
    /// </summary>
    [Fact]
    public async Task A_row_transform_that_keeps_its_values_leaves_every_type_exact()
    {
        SkipIfKnownBug();
        var c = Fidelity;
        await Both(c.Create);
        foreach (var rows in c.SourceRows)
        {
            await Db.ExecAsync(Source, rows);
        }

        // PostgreSQL decodes only the changed columns: here its common types. Values beyond .NET's types (numeric
        // past decimal, BC or year-294276 timestamps, 24:00 times, intervals with months) fail the copy
        // loudly when a transform changes them; left unchanged they pass as bytes, as here. The other engines read
        // every value decoded anyway, so all their columns count as changed.
        var transform = Db.Kind == EngineKind.PostgreSql ? new KeepValues("i", "s", "r", "d", "b", "t", "v", "c", "bin", "j", "jb", "u", "m") : new KeepValues();
        var (_, results) = await RunTransformedAsync(Db.Config([Full(c.Table)]), transform);

        Assert.True(results[0].Status == RefreshStatus.Succeeded, results[0].Error);
        Assert.Equal(c.Rows, results[0].RowsCopied);
        Assert.Equal(1, transform.Bound);
        var source = await Db.DumpAsync(Source, c.Table, "id");
        var target = await Db.DumpAsync(Target, c.Table, "id");
        for (var i = 0; i < source.Count; i++)
        {
            Assert.True(source[i] == target[i], $"row {i + 1} differs:\nsource: {Shorten(source[i])}\ntarget: {Shorten(target[i])}");
        }

        Assert.Equal(source.Count, target.Count);
    }

    /// <summary>A column whose type widens from source to target is converted on the way, next to a transformed one.</summary>
    [Fact]
    public async Task A_row_transform_copies_a_column_whose_type_widens()
    {
        SkipIfKnownBug();
        await Db.ExecAsync(Source, $"CREATE TABLE widen (id {Db.IntType} PRIMARY KEY, n {Db.IntType}, name {Db.TextType})");
        await Db.ExecAsync(Target, $"CREATE TABLE widen (id {Db.IntType} PRIMARY KEY, n {Db.BigIntType}, name {Db.TextType})");
        await Db.ExecAsync(Source, $"INSERT INTO widen (id, n, name) SELECT g, g * 1000, {Db.Concat("'w '", "g")} FROM {Db.Series(1, 100)}");

        var (_, results) = await RunTransformedAsync(Db.Config([Full("widen")]), new UpperCaseTransform("name"));

        Assert.True(results[0].Status == RefreshStatus.Succeeded, results[0].Error);
        Assert.Equal(5050000L, await Long(Target, "SELECT sum(n) FROM widen"));
        Assert.Equal(100L, await Long(Target, "SELECT count(*) FROM widen WHERE name = upper(name) AND name LIKE 'W %'"));
    }

    /// <summary>Says it changes the named columns, and gives every value back as it was read.</summary>
    private sealed class KeepValues(params string[] columns) : IRowTransform, IRowTransformer
    {
        private int _bound;

        public int Bound => _bound;

        public IReadOnlyList<int> Changes { get; private set; } = [];

        public IRowTransformer? Bind(CopyRequest request)
        {
            Interlocked.Increment(ref _bound);
            Changes = [.. request.Columns.Select((c, i) => (c, i)).Where(x => columns.Length == 0 || columns.Contains(x.c)).Select(x => x.i)];
            Assert.Equal(columns.Length == 0 ? request.Columns.Count : columns.Length, Changes.Count);
            return this;
        }

        public void Apply(object?[] row)
        {
        }
    }
}
