namespace DataRefresh.Engines;

/// <summary>Why a connection is opened: decides read-only intent, application name and timeouts.</summary>
public enum ConnectionPurpose
{
    /// <summary>Production: catalog reads and SELECT/COPY TO only, inside a read-only transaction.</summary>
    Source,

    /// <summary>UAT: the refresh transaction.</summary>
    Target,

    /// <summary>UAT: history rows, in transactions of their own so failed attempts are recorded too.</summary>
    History,

    /// <summary>UAT, read only: planning and checks look at the target and must not write to it.</summary>
    Inspect,
}
