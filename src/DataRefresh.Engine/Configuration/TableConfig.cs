namespace DataRefresh.Configuration;

public sealed record TableConfig
{
    public required string Name { get; init; }
    public RefreshStrategy Strategy { get; init; } = RefreshStrategy.SimpleCopy;
    public SyncMode SyncMode { get; init; } = SyncMode.FullReplace;
    public string? IncrementalColumn { get; init; }
    public IncrementalType? IncrementalType { get; init; }
    public int DateBufferDays { get; init; }

    /// <summary>
    /// incremental_overlap: with identity, re-read the last N ids up to the watermark and insert those the target
    /// lacks (rows numbered before, but committed after, the last copy). Null: not set, <see cref="DefaultIncrementalOverlap"/> where it can apply.
    /// </summary>
    public long? IncrementalOverlap { get; init; }

    /// <summary>The window re-read when incremental_overlap is not set.</summary>
    public const long DefaultIncrementalOverlap = 1000;
    public int? BatchSize { get; init; }
    public bool TruncateTarget { get; init; } = true;
    public bool FallbackToFull { get; init; }
    public long? RowLimit { get; init; }
    public ExternalReferences ExternalReferences { get; init; } = ExternalReferences.Block;
    public LoadMethod LoadMethod { get; init; } = LoadMethod.Auto;

    /// <summary>Let UAT's user triggers on the table fire during the load (off by default: a refreshed table equals the source).</summary>
    public bool FireTriggers { get; init; }

    /// <summary>partition_parallelism: this table's own bound on its parallel partition loads (staging_partition_switch); null: the setting.</summary>
    public int? PartitionParallelism { get; init; }

    /// <summary>verify: this table's own comparison after its refresh; null: settings.verify.</summary>
    public VerifyMode? Verify { get; init; }

    /// <summary>
    /// masking: the columns whose values are masked on the way to the target, each with its rule, in file order
    /// (empty: none). Read by the plan, the copy (as a row transform) and anything that must know which columns differ by design.
    /// </summary>
    public IReadOnlyList<ColumnMask> Masking { get; init; } = [];

    /// <summary>Where the table's entry was declared, for messages.</summary>
    public string DeclaredAt { get; init; } = "";

    public override string ToString() => $"{Name} ({SyncMode})";
}
