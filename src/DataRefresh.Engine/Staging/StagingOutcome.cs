using System.Data.Common;
using DataRefresh.Catalog;
using DataRefresh.Engines;
using DataRefresh.Planning;

namespace DataRefresh.Staging;

public sealed record StagingOutcome(long RowsCopied, long RowsDeleted);
