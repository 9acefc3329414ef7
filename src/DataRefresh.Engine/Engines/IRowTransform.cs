namespace DataRefresh.Engines;

/// <summary>
/// A change made to rows between the source reader and the target writer, on every engine and strategy (masking
/// builds on it). Engine-neutral: it sees decoded values, one row at a time, in the order of
/// <see cref="CopyRequest.Columns"/>.
/// </summary>
public interface IRowTransform
{
    /// <summary>
    /// Prepare for one copy. <paramref name="request"/> says which columns are copied, in which order, and the
    /// target's facts about each (<see cref="CopyRequest.TargetTable"/>: types and lengths a value must fit).
    /// Returns null when this copy's rows pass unchanged (the engine keeps its fastest path).
    /// </summary>
    IRowTransformer? Bind(CopyRequest request);
}

/// <summary>One copy's row transform, bound to its columns.</summary>
public interface IRowTransformer
{
    /// <summary>The positions (in <see cref="CopyRequest.Columns"/>) whose values <see cref="Apply"/> may change; the others pass through as read.</summary>
    IReadOnlyList<int> Changes { get; }

    /// <summary>
    /// Transform one row in place. Values are as the engine's reader decodes them (SQL NULL is <c>null</c>, never
    /// <see cref="DBNull"/>); a changed value must be one the target column accepts.
    /// </summary>
    void Apply(object?[] row);
}
