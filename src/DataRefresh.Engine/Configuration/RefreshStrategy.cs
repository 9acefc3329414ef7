namespace DataRefresh.Configuration;

public enum RefreshStrategy
{
    SimpleCopy,
    StagingPartitionSwitch,
}
