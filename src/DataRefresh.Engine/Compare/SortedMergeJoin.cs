namespace DataRefresh.Compare;

/// <summary>
/// One side of a sorted compare: rows in strictly increasing key order, read one at a time. The current row stays
/// readable (through the implementation's own members) until the next <see cref="MoveNextAsync"/>.
/// </summary>
public interface ISortedRowReader
{
    /// <summary>Advance to the next row; false at the end. Throws when a row's key is not greater than the previous one's.</summary>
    ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken);
}

/// <summary>How two streams' current rows compare: key order (both sides sorted by it) and equality of the whole row.</summary>
public interface IRowComparer<in TReader>
    where TReader : ISortedRowReader
{
    /// <summary>Negative when <paramref name="source"/>'s current key sorts before <paramref name="target"/>'s, 0 when equal.</summary>
    int CompareKeys(TReader source, TReader target);

    /// <summary>Whether two rows with the same key carry the same values (they need no write).</summary>
    bool RowsEqual(TReader source, TReader target);
}

/// <summary>Where a compare sends the rows that differ, while both streams stand on them.</summary>
public interface IRowDifferenceSink<in TReader>
    where TReader : ISortedRowReader
{
    /// <summary>A key only the source has (insert).</summary>
    ValueTask SourceOnlyAsync(TReader source, CancellationToken cancellationToken);

    /// <summary>A key only the target has (delete).</summary>
    ValueTask TargetOnlyAsync(TReader target, CancellationToken cancellationToken);

    /// <summary>A key both have, with other values (update).</summary>
    ValueTask ChangedAsync(TReader source, TReader target, CancellationToken cancellationToken);
}

/// <summary>What a compare found: rows read on each side and how many differ in which way.</summary>
public sealed record MergeJoinCounts(long SourceRows, long TargetRows, long SourceOnly, long TargetOnly, long Changed)
{
    public long Differences => SourceOnly + TargetOnly + Changed;
}

/// <summary>
/// A merge join of two row streams sorted by the same key: one pass over each, memory independent of their size.
/// Engine-neutral: the merge load (only the differing rows are written) and the table comparison (naming them) share it.
/// </summary>
public static class SortedMergeJoin
{
    public static async Task<MergeJoinCounts> RunAsync<TReader>(TReader source, TReader target, IRowComparer<TReader> comparer, IRowDifferenceSink<TReader> sink, CancellationToken cancellationToken, Action<long>? sourceRowsRead = null)
        where TReader : ISortedRowReader
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(comparer);
        ArgumentNullException.ThrowIfNull(sink);
        long sourceRows = 0, targetRows = 0, sourceOnly = 0, targetOnly = 0, changed = 0;
        var hasSource = await source.MoveNextAsync(cancellationToken).ConfigureAwait(false);
        var hasTarget = await target.MoveNextAsync(cancellationToken).ConfigureAwait(false);
        while (hasSource || hasTarget)
        {
            var order = !hasSource ? 1 : !hasTarget ? -1 : comparer.CompareKeys(source, target);
            if (order < 0)
            {
                await sink.SourceOnlyAsync(source, cancellationToken).ConfigureAwait(false);
                sourceOnly++;
            }
            else if (order > 0)
            {
                await sink.TargetOnlyAsync(target, cancellationToken).ConfigureAwait(false);
                targetOnly++;
            }
            else if (!comparer.RowsEqual(source, target))
            {
                await sink.ChangedAsync(source, target, cancellationToken).ConfigureAwait(false);
                changed++;
            }

            if (order <= 0)
            {
                sourceRows++;
                sourceRowsRead?.Invoke(sourceRows);
                hasSource = await source.MoveNextAsync(cancellationToken).ConfigureAwait(false);
            }

            if (order >= 0)
            {
                targetRows++;
                hasTarget = await target.MoveNextAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return new MergeJoinCounts(sourceRows, targetRows, sourceOnly, targetOnly, changed);
    }
}
