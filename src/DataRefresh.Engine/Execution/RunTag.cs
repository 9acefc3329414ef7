using System.Globalization;

namespace DataRefresh.Execution;

/// <summary>
/// How a run names itself in the databases it touches, and how those names are found again. Every session of the
/// run carries <see cref="Label"/> at the start of its application name (PostgreSQL application_name, SQL Server
/// program_name); every staging table of unit n is named <c>_dr_stage_</c>, eight characters of the run id, <c>u</c>n,
/// <c>_</c> and a suffix (<c>_dr_stage_3fa85f64u2_0</c>). The history's "is that run alive" and the cleanup of a
/// killed run's staging tables find them by the patterns below, so the convention is written here and nowhere else.
/// </summary>
public sealed record RunTag
{
    /// <summary>What every session label starts with; the run id follows.</summary>
    public const string LabelPrefix = "DataRefresh run ";

    /// <summary>What every staging table's name starts with; <see cref="ShortId"/> follows.</summary>
    public const string StagingPrefix = "_dr_stage_";

    /// <summary>How many characters of the run id a staging table's name carries.</summary>
    public const int ShortIdLength = 8;

    /// <summary>The label of the sessions that plan (read only, never a run's: no run id).</summary>
    public const string PlanLabel = "DataRefresh plan";

    /// <summary>The label of Test-RefreshConfig's sessions.</summary>
    public const string CheckLabel = "DataRefresh check";

    /// <summary>
    /// A LIKE pattern (escape character <c>\</c>) that every staging table's name matches, whichever run made it:
    /// PostgreSQL's default escape, and SQL Server's and SQLite's with <c>ESCAPE '\'</c>.
    /// </summary>
    public const string StagingLikePattern = @"\_dr\_stage\_%";

    /// <param name="runId">The run's id: letters and digits only (a GUID's "N" form), at least <see cref="ShortIdLength"/> long.</param>
    public RunTag(string runId)
    {
        ArgumentNullException.ThrowIfNull(runId);
        if (runId.Length < ShortIdLength || !runId.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException($"a run id is at least {ShortIdLength} letters or digits, not '{runId}'", nameof(runId));
        }

        RunId = runId;
    }

    public string RunId { get; }

    /// <summary>The run's sessions' application name (the configured application_name follows it, after a space).</summary>
    public string Label => LabelPrefix + RunId;

    /// <summary>A LIKE pattern that this run's session labels match, and no other run's.</summary>
    public string SessionPattern => SessionPatternFor(RunId);

    /// <summary>The part of the run id staging names carry.</summary>
    public string ShortId => RunId[..ShortIdLength];

    /// <summary>
    /// Where <see cref="ShortId"/> starts in a staging table's name, counted from 1 as SQL's substr and SUBSTRING count:
    /// <c>substr(name, StagingShortIdStart, ShortIdLength)</c>, after <see cref="LabelPrefix"/>, is the start of the
    /// label of the run that made the table.
    /// </summary>
    public static int StagingShortIdStart => StagingPrefix.Length + 1;

    /// <summary><see cref="StagingShortIdStart"/> as SQL text.</summary>
    public static string StagingShortIdStartSql => StagingShortIdStart.ToString(CultureInfo.InvariantCulture);

    /// <summary><see cref="ShortIdLength"/> as SQL text.</summary>
    public static string ShortIdLengthSql => ShortIdLength.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A session's application name: the label first, then the configured application_name, so the run id survives
    /// PostgreSQL's 63-character cut and <see cref="SessionPattern"/> (a prefix) finds it.
    /// </summary>
    public static string SessionName(string label, string? applicationName) =>
        applicationName is null ? label : $"{label} {applicationName}";

    public static RunTag New() => new(Guid.NewGuid().ToString("N"));

    /// <summary>
    /// <see cref="SessionPattern"/> for a run id read back (from the history table). Run ids are letters and digits,
    /// so the pattern has no wildcard but its last.
    /// </summary>
    public static string SessionPatternFor(string runId) => LabelPrefix + runId + "%";

    /// <summary>The staging names of one unit of this run: parallel units of one run never share a name.</summary>
    public StagingTag Unit(int unit) => new($"{ShortId}u{unit.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>Whether a table's name is a staging table's, of any run.</summary>
    public static bool IsStagingName(string name) =>
        name is not null && name.StartsWith(StagingPrefix, StringComparison.Ordinal) && name.Length > StagingPrefix.Length + ShortIdLength;

    /// <summary>
    /// What the label of the run that made a staging table starts with (C#'s twin of the SQL the engines run with
    /// <see cref="StagingShortIdStart"/>): any live session whose application name starts so proves the run alive.
    /// </summary>
    public static string LabelPrefixOf(string stagingName)
    {
        if (!IsStagingName(stagingName))
        {
            throw new ArgumentException($"'{stagingName}' is not a staging table's name", nameof(stagingName));
        }

        return string.Concat(LabelPrefix, stagingName.AsSpan(StagingPrefix.Length, ShortIdLength));
    }

    public override string ToString() => Label;
}
