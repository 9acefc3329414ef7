namespace DataRefresh.Engines.SqlServer;

/// <summary>How the source SELECT reads one column: relabelled <c>COLLATE</c> <paramref name="Collation"/>, after a cast to <paramref name="AsType"/> when set.</summary>
public sealed record ColumnRead(string Collation, string? AsType = null);
