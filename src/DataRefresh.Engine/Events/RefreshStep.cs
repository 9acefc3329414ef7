namespace DataRefresh.Events;

/// <summary>The kinds of step a refresh takes on a table, in the order a run usually takes them.</summary>
public enum RefreshStep
{
    /// <summary>The per-table refresh lock, inside the target transaction.</summary>
    Lock,

    /// <summary>external_references: defer — references to the table left unchecked until the recheck.</summary>
    DeferConstraints,

    /// <summary>UAT's user triggers stopped for the load (fire_triggers: false).</summary>
    SuspendTriggers,

    /// <summary>The run-time decision under the lock: watermark, target emptiness (and whether it differs from the plan).</summary>
    Decide,

    /// <summary>Merge: the source's rows into a temporary table of the target session.</summary>
    Stage,

    /// <summary>Merge: the staged rows compared with the target's.</summary>
    Compare,

    /// <summary>A full reload empties the table (TRUNCATE or DELETE).</summary>
    Empty,

    /// <summary>A date buffer's window deleted before its rows are copied again.</summary>
    DeleteWindow,

    /// <summary>Merge: target rows whose key production no longer has, deleted.</summary>
    DeleteMissing,

    /// <summary>Merge: rows whose copied columns differ, updated.</summary>
    Update,

    /// <summary>Merge or incremental_overlap: rows the target lacks, inserted.</summary>
    Insert,

    /// <summary>Rows streamed from the source into the table (or its staging table).</summary>
    Copy,

    /// <summary>Indexes built on a staging table.</summary>
    IndexBuild,

    /// <summary>staging_partition_switch: staging swapped in (partitions switched or rows moved in).</summary>
    Swap,

    /// <summary>Sequences and identity counters moved past the loaded values.</summary>
    AdvanceIdentity,

    /// <summary>Deferred references checked against the loaded rows, and the keys put back as they were.</summary>
    Recheck,

    /// <summary>Suspended triggers put back, before commit.</summary>
    ResumeTriggers,

    /// <summary>The unit's transaction committed.</summary>
    Commit,

    /// <summary>After commit: the new watermark read back; and (verify:) the table compared with production.</summary>
    Verify,
}
