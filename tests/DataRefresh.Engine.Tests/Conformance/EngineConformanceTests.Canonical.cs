using DataRefresh.Comparison;
using DataRefresh.Execution;
using static DataRefresh.Configuration.DatabaseSide;
using static DataRefresh.Tests.Support.RefreshHarness;

namespace DataRefresh.Tests.Conformance;

/// <summary>
/// One value in one column, as production has it and as a UAT row that differs from it only in that value's
/// canonical form (scale, microsecond, zone, NULL vs '' vs 'NULL', a trailing space, case, the sign of zero, a byte,
/// array order, json as stored). <paramref name="Setup"/> runs on both sides first (an extension, a collation).
/// </summary>
public sealed record CanonicalCase(string Type, string Source, string Target, string? Setup = null);

/// <summary>Compare-TableState's canonical forms: an exact copy compares Equal, and flipping exactly one value names its column as Changed.</summary>
public abstract partial class EngineConformanceTests
{
    /// <summary>Every case by name; an engine that has no such type (arrays outside PostgreSQL) skips it.</summary>
    public static TheoryData<string> CanonicalCaseNames =>
    [
        "numeric scale", "timestamp microsecond", "time zone", "NULL vs empty", "empty vs 'NULL'", "NULL vs 'NULL'", "trailing space",
        "case under a case-insensitive collation", "case under a nondeterministic collation", "-0.0 vs 0", "one byte of binary", "array order", "json as stored", "jsonb value",
        "datetime2 100 ns",
    ];

    /// <summary>This engine's column type and the two values of each case it has.</summary>
    protected virtual IReadOnlyDictionary<string, CanonicalCase> CanonicalCases { get; } = new Dictionary<string, CanonicalCase>();

    [Theory]
    [MemberData(nameof(CanonicalCaseNames))]
    public async Task A_value_flipped_in_its_canonical_form_is_named_as_the_changed_column_and_an_exact_copy_is_Equal(string name)
    {
        SkipIfKnownBug();
        SkipWithoutCompare();
        if (!CanonicalCases.TryGetValue(name, out var c))
        {
            Assert.Skip($"{Db.Kind} has no type for the case '{name}'");
            return;
        }

        if (c.Setup is { } setup)
        {
            await Both(setup);
        }

        await Both($"CREATE TABLE canon (id {Db.IntType} PRIMARY KEY, v {c.Type}, w {Db.IntType})");
        await Db.ExecAsync(Source, $"INSERT INTO canon (id, v, w) SELECT g, {c.Source}, g FROM {Db.Series(1, 120)}");
        var config = Db.Config([Full("canon")]);
        var (_, results, _) = await RunAsync(config);
        Assert.True(results.Single("canon").Status == RefreshStatus.Succeeded, results.Single("canon").Error);
        foreach (var method in new[] { CompareMethod.Checksum, CompareMethod.Rows })
        {
            var equal = await CompareAsync(config, "canon", method);
            Assert.True(equal.Status == ComparisonStatus.Equal, $"{name}, exact copy, {method}: {equal.Status} {equal.Reason} {string.Join("; ", equal.Differences)}");
        }

        await Db.ExecAsync(Target, $"UPDATE canon SET v = {c.Target} WHERE id = 77");

        var rows = await CompareAsync(config, "canon", CompareMethod.Rows, values: true);
        Assert.Equal(ComparisonStatus.Different, rows.Status);
        var d = Assert.Single(rows.Differences);
        Assert.Equal((77L, DifferenceKind.Changed), (Convert.ToInt64(d.Key[0], System.Globalization.CultureInfo.InvariantCulture), d.Kind));
        Assert.Equal(["v"], d.Columns);
        Assert.NotEqual(d.Values![0].Source, d.Values[0].Target);
    }

    [Fact]
    public async Task A_copy_of_every_type_compares_Equal_by_checksum_and_rows()
    {
        SkipIfKnownBug();
        SkipWithoutCompare();
        var c = Fidelity;
        await Both(c.Create);
        foreach (var rows in c.SourceRows)
        {
            await Db.ExecAsync(Source, rows);
        }

        var config = Db.Config([Full(c.Table)]);
        var (_, results, _) = await RunAsync(config);
        Assert.True(results.Single(c.Table).Status == RefreshStatus.Succeeded, results.Single(c.Table).Error);

        foreach (var method in new[] { CompareMethod.Checksum, CompareMethod.Rows })
        {
            var equal = await CompareAsync(config, c.Table, method);
            Assert.True(equal.Status == ComparisonStatus.Equal, $"{method}: {equal.Status} {equal.Reason} {string.Join("; ", equal.Differences)}");
            Assert.Equal((c.Rows, c.Rows), (equal.SourceRows, equal.TargetRows));
        }
    }
}
