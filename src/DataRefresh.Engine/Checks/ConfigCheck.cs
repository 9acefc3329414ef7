using DataRefresh.Catalog;
using DataRefresh.Configuration;
using DataRefresh.Engines;

namespace DataRefresh.Checks;

/// <summary>One finding of Test-RefreshConfig.</summary>
public sealed record ConfigCheck(string Check, string Side, CheckOutcome Outcome, string Message);
