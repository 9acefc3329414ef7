namespace DataRefresh.Staging;

public sealed record StagingOutcome(long RowsCopied, long RowsDeleted);
