using DataRefresh.Catalog;
using DataRefresh.Configuration;
using DataRefresh.Engines;

namespace DataRefresh.Checks;

public enum CheckOutcome
{
    Passed,
    Warning,
    Failed,
    NotSupported,
}
