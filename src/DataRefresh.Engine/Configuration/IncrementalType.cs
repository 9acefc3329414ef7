namespace DataRefresh.Configuration;

public enum IncrementalType
{
    Identity,
    Date,
    DateTime,
}
