namespace DataRefresh.Execution;

/// <summary>Rows copied so far for one table.</summary>
public sealed record TableProgress(string Table, long RowsCopied, long EstimatedRows, TimeSpan Elapsed)
{
    public double RowsPerSecond => Elapsed.TotalSeconds > 0 ? RowsCopied / Elapsed.TotalSeconds : 0;

    public int PercentComplete => EstimatedRows > 0 ? (int)Math.Min(100, RowsCopied * 100 / EstimatedRows) : -1;
}
