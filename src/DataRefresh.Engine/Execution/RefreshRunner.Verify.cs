using System.Data.Common;
using System.Globalization;
using DataRefresh.Comparison;
using DataRefresh.Configuration;
using DataRefresh.Engines;
using DataRefresh.Events;
using DataRefresh.Planning;

namespace DataRefresh.Execution;

/// <summary>
/// verify: after a table's refresh commits, the table is compared with production by Compare-TableState's
/// comparison engine, in the source snapshot the copy read (so rows production changed meanwhile are not reported),
/// and the verdict goes into the result and the history row. A difference fails the table loudly; the committed
/// rows stay (nothing is rolled back, and the unit is not retried).
/// </summary>
public sealed partial class RefreshRunner
{
    private async Task VerifyAsync(IEnumerable<TableRun> tables, DbConnection source, DbTransaction? sourceTx, CancellationToken cancellationToken)
    {
        foreach (var t in tables)
        {
            await VerifyAsync(t, source, sourceTx, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task VerifyAsync(TableRun t, DbConnection source, DbTransaction? sourceTx, CancellationToken cancellationToken)
    {
        var mode = t.Plan.TableConfig.Verify ?? Settings.Verify;
        if (mode == VerifyMode.Off)
        {
            return;
        }

        var word = mode == VerifyMode.Counts ? "counts" : "checksum";
        if (Unverifiable(t) is { } why)
        {
            (t.VerifyStatus, t.VerifyDetail) = ("Skipped", $"verify: {word}: not compared: {why}");
            Finished(t, RefreshStep.Verify, DateTimeOffset.UtcNow, TimeSpan.Zero, null, t.VerifyDetail);
            return;
        }

        var method = mode == VerifyMode.Counts ? CompareMethod.Count : CompareMethod.Checksum;
        TableComparison comparison;
        try
        {
            comparison = await StepAsync(t, RefreshStep.Verify, () => TableComparer.VerifyAsync(t.Plan, method, source, sourceTx, cancellationToken), _ => null, c => Detail(word, c)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            (t.VerifyStatus, t.VerifyDetail) = ("Incomplete", $"verify: {word}: cancelled (Ctrl+C) before the comparison finished; the refresh itself committed");
            Notice(t.Plan.Table, NoticeLevel.Warning, $"refreshed and committed, but not verified: {t.VerifyDetail}");
            return;
        }
        catch (Exception ex) when (ex is DbException or DatabaseConnectionException or InvalidOperationException or TimeoutException or IOException or OperationCanceledException)
        {
            (t.VerifyStatus, t.VerifyDetail) = ("Error", $"verify: {word}: the comparison could not run: {Describe(ex, showServerDetail: false)}");
            Notice(t.Plan.Table, NoticeLevel.Warning, $"refreshed and committed, but not verified: {t.VerifyDetail}");
            return;
        }

        (t.VerifyStatus, t.VerifyDetail) = (comparison.Status.ToString(), Detail(word, comparison));
        switch (comparison.Status)
        {
            case ComparisonStatus.Different:
                t.VerifyFailure = $"{t.VerifyDetail}. The refresh committed and its rows stay in UAT: a verification failure never rolls back. "
                    + $"Name the differing rows with Compare-TableState -Table {t.Plan.Table} -Method Rows";
                break;
            case ComparisonStatus.NotComparable or ComparisonStatus.Incomplete:
                Notice(t.Plan.Table, NoticeLevel.Warning, $"refreshed and committed, but not verified: {t.VerifyDetail}");
                break;
        }
    }

    /// <summary>Tables that, by their configuration or this run's action, are not meant to equal production after the refresh.</summary>
    private static string? Unverifiable(TableRun t)
    {
        var table = t.Plan.TableConfig;
        if (table.RowLimit is { } limit)
        {
            return $"row_limit: {limit.ToString(CultureInfo.InvariantCulture)}: UAT holds at most that many of production's rows by design";
        }

        if (t.Action == RefreshAction.Incremental)
        {
            return "an incremental copy adds new rows only; rows production changed or deleted below the watermark stay as they were (run Compare-TableState to see them)";
        }

        return null;
    }

    /// <summary>The verdict in words: counts, ranges, never row values or keys (history rows outlive the run, and keys may be personal data).</summary>
    private static string Detail(string word, TableComparison c)
    {
        var rows = c.SourceRows == c.TargetRows
            ? $"{c.SourceRows.ToString(CultureInfo.InvariantCulture)} row(s) on both sides"
            : $"production has {c.SourceRows.ToString(CultureInfo.InvariantCulture)} row(s), UAT {c.TargetRows.ToString(CultureInfo.InvariantCulture)}";
        var ranges = c.Method == CompareMethod.Count ? "" : $", {c.SegmentsChecked.ToString(CultureInfo.InvariantCulture)} key range(s) checked";
        return c.Status switch
        {
            ComparisonStatus.Equal => $"verify: {word}: UAT equals production ({rows}{ranges}){(c.Reason is { } note ? "; " + note : "")}",
            ComparisonStatus.Different when c.Method == CompareMethod.Count => $"verify: {word}: UAT differs from production after the refresh ({rows})",
            ComparisonStatus.Different => $"verify: {word}: UAT differs from production after the refresh ({rows}; {c.DifferentRanges.Count.ToString(CultureInfo.InvariantCulture)} key range(s) differ{(c.Reason is { } r ? "; " + r : "")})",
            _ => $"verify: {word}: {c.Status}: {c.Reason}",
        };
    }
}
