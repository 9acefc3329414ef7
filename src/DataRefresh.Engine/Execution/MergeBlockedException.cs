namespace DataRefresh.Execution;

/// <summary>A merge would delete rows that UAT rows outside the run still reference: the unit fails before writing.</summary>
public sealed class MergeBlockedException(string message) : InvalidOperationException(message);
