namespace DataRefresh.Planning;

public enum RefreshAction
{
    Full,
    Incremental,
    Skip,
}
