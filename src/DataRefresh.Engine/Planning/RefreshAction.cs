using DataRefresh.Catalog;
using DataRefresh.Configuration;
using DataRefresh.Engines;

namespace DataRefresh.Planning;

public enum RefreshAction
{
    Full,
    Incremental,
    Skip,
}
