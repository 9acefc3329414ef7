namespace DataRefresh.Configuration;

public enum DatabaseSide
{
    Source,
    Target,
}
