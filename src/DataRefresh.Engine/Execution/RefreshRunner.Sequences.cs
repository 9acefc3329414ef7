using System.Data.Common;
using DataRefresh.Events;
using DataRefresh.Planning;

namespace DataRefresh.Execution;

public sealed partial class RefreshRunner
{
    /// <summary>
    /// Move exactly the sequences the unit's plans listed, each once, after every table of the unit is loaded, so a
    /// sequence two of them share is set from both. Still inside the unit's transaction: its MAX reads see the new rows.
    /// </summary>
    private async Task AdvanceSequencesAsync(List<TableRun> tables, DbConnection target, DbTransaction tx, CancellationToken cancellationToken)
    {
        var sequences = tables.SelectMany(t => t.Plan.Sequences).DistinctBy(s => s.Key).ToList();
        if (sequences.Count == 0)
        {
            return;
        }

        await UnitStepAsync(tables, RefreshStep.AdvanceIdentity, async () =>
        {
            var count = 0L;
            foreach (var sequence in sequences)
            {
                var advanced = await _engine.AdvanceSequenceAsync(target, tx, sequence, cancellationToken).ConfigureAwait(false);
                Notice(null, NoticeLevel.Detail, advanced
                    ? $"sequence {sequence}: moved past the values now in the target"
                    : $"sequence {sequence}: left where it is (already past the values in the target, or they are all empty)");
                count += advanced ? 1 : 0;
            }

            return count;
        }, n => n).ConfigureAwait(false);
    }

    /// <summary>
    /// Units that move one sequence run one after the other. Each sets it from the rows it can see; two at once would
    /// each miss the other's uncommitted rows, and each would wait for the other's lock to read them (a deadlock).
    /// </summary>
    private static bool SharesSequence(List<RefreshPlan> unit, List<RefreshPlan> other)
    {
        var keys = other.SelectMany(p => p.Sequences).Select(s => s.Key).ToHashSet();
        return unit.Any(p => p.Sequences.Any(s => keys.Contains(s.Key)));
    }
}
