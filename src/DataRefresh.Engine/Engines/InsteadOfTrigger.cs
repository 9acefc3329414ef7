namespace DataRefresh.Engines;

/// <summary>An enabled INSTEAD OF trigger of a table and the statement it replaces (INSERT, UPDATE or DELETE).</summary>
public sealed record InsteadOfTrigger(string Name, string Statement);
