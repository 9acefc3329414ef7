namespace DataRefresh.Comparison;

/// <summary>Keys from <see cref="From"/> (inclusive) to <see cref="To"/> (exclusive); null: unbounded on that side.</summary>
public sealed record KeyRange(IReadOnlyList<object?>? From, IReadOnlyList<object?>? To)
{
    public static KeyRange All { get; } = new(null, null);

    public override string ToString() =>
        $"[{(From is null ? "start" : string.Join(", ", From))} .. {(To is null ? "end" : string.Join(", ", To))})";
}
