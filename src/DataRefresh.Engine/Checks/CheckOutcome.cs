namespace DataRefresh.Checks;

public enum CheckOutcome
{
    Passed,
    Warning,
    Failed,
    NotSupported,
}
