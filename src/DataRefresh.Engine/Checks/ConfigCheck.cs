namespace DataRefresh.Checks;

/// <summary>One finding of Test-RefreshConfig.</summary>
public sealed record ConfigCheck(string Check, string Side, CheckOutcome Outcome, string Message);
