namespace DataRefresh.Execution;

public enum RefreshStatus
{
    Succeeded,
    Failed,
    Skipped,
}
