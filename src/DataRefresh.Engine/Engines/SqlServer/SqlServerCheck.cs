namespace DataRefresh.Engines.SqlServer;

/// <summary>A CHECK constraint with its state: staging reproduces trust, enablement and NOT FOR REPLICATION.</summary>
public sealed record SqlServerCheck(string Name, string Definition, bool Trusted = true, bool Enabled = true, bool NotForReplication = false);
