using DataRefresh.Execution;
using Microsoft.Data.Sqlite;

namespace DataRefresh.Tests.Unit;

/// <summary>
/// The run tag round-trips: what it names for run X (session labels, staging tables) is found by X's patterns and
/// by no other run's. LIKE is evaluated by SQLite, with the same substr/|| expression PostgreSQL's cleanup runs.
/// </summary>
public sealed class RunTagTests : IDisposable
{
    private static readonly RunTag X = new("3fa85f6457174562b3fc2c963f66afa6");
    private static readonly RunTag Y = new("9b2c7e0112ab4cd5a6e7f8091a2b3c4d");
    private readonly SqliteConnection _db = new("Data Source=:memory:");

    public RunTagTests() => _db.Open();

    public void Dispose() => _db.Dispose();

    [Fact]
    public void A_session_label_is_found_by_its_runs_pattern_only()
    {
        foreach (var label in new[] { X.Label, RunTag.SessionName(X.Label, null), RunTag.SessionName(X.Label, "nightly-refresh") })
        {
            Assert.True(Like(label, X.SessionPattern));
            Assert.True(Like(label, RunTag.SessionPatternFor(X.RunId)));
            Assert.False(Like(label, Y.SessionPattern));
        }

        Assert.False(Like("DataRefresh", X.SessionPattern));
        Assert.StartsWith(RunTag.LabelPrefix, X.Label, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("old")]
    [InlineData("rows")]
    [InlineData("12")]
    public void A_staging_name_is_found_by_its_unit_and_traced_to_its_run(string suffix)
    {
        var name = X.Unit(2).Name(suffix);

        Assert.True(Like(name, RunTag.StagingLikePattern));
        Assert.True(RunTag.IsStagingName(name));
        Assert.True(X.Unit(2).Owns(name));
        Assert.False(X.Unit(1).Owns(name));
        Assert.False(X.Unit(22).Owns(name));
        Assert.False(Y.Unit(2).Owns(name));

        // Alive check: a session of the run that made the table proves it alive; another run's does not.
        Assert.True(MadeBy(name, X.Label + " nightly-refresh"));
        Assert.False(MadeBy(name, Y.Label));
        Assert.StartsWith(RunTag.LabelPrefixOf(name), X.Label, StringComparison.Ordinal);
        Assert.False(Y.Label.StartsWith(RunTag.LabelPrefixOf(name), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("orders")]
    [InlineData("_dr_stageX")]
    [InlineData("dr_stage_3fa85f64u1_0")]
    [InlineData("x_dr_stage_3fa85f64u1_0")]
    public void Other_tables_are_not_staging_tables(string name)
    {
        Assert.False(Like(name, RunTag.StagingLikePattern));
        Assert.False(RunTag.IsStagingName(name));
        Assert.False(X.Unit(1).Owns(name));
    }

    [Theory]
    [InlineData("")]
    [InlineData("3fa85f6")]
    [InlineData("3fa85f64_%")]
    [InlineData("3fa85f64 run")]
    public void A_run_id_that_would_not_round_trip_is_refused(string runId) =>
        Assert.Throws<ArgumentException>(() => new RunTag(runId));

    [Fact]
    public void New_tags_are_distinct_and_valid() =>
        Assert.NotEqual(RunTag.New().RunId, RunTag.New().RunId);

    private bool Like(string value, string pattern)
    {
        using var command = _db.CreateCommand();
        command.CommandText = @"SELECT @value LIKE @pattern ESCAPE '\'";
        command.Parameters.AddWithValue("@value", value);
        command.Parameters.AddWithValue("@pattern", pattern);
        return (long)command.ExecuteScalar()! == 1;
    }

    /// <summary>The expression the PostgreSQL cleanup evaluates for each staging table, here in SQLite (same substr and ||).</summary>
    private bool MadeBy(string stagingName, string sessionLabel)
    {
        using var command = _db.CreateCommand();
        command.CommandText = $"SELECT @label LIKE '{RunTag.LabelPrefix}' || substr(@name, {RunTag.StagingShortIdStartSql}, {RunTag.ShortIdLengthSql}) || '%'";
        command.Parameters.AddWithValue("@label", sessionLabel);
        command.Parameters.AddWithValue("@name", stagingName);
        return (long)command.ExecuteScalar()! == 1;
    }
}
