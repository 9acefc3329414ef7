namespace DataRefresh.Configuration;

public enum SyncMode
{
    FullReplace,
    Incremental,
    SmartSync,
}
