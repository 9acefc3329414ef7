using DataRefresh.Events;

namespace DataRefresh.Execution;

/// <summary>One table of a run, as the run's events left it: its state, the step at work, rows so far.</summary>
/// <param name="Step">The step at work (or the last one taken), null before the first.</param>
/// <param name="Rows">Rows copied so far by the copy at work, or the result's rows copied once finished.</param>
public sealed record TableRunStatus(string Table, TableRunState State, RefreshStep? Step, long Rows, long EstimatedRows, int Attempt, RefreshResult? Result);
