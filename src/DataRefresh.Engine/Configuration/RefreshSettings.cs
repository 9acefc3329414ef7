namespace DataRefresh.Configuration;

public sealed record RefreshSettings
{
    public int DefaultBatchSize { get; init; } = 5000;
    public int ConnectionTimeout { get; init; } = 30;
    public int CommandTimeout { get; init; } = 300;
    public int MaxRetries { get; init; } = 3;
    public double RetryDelaySeconds { get; init; } = 2;
    public bool DryRun { get; init; }
    public bool VerboseLogging { get; init; }
    public string HistoryTable { get; init; } = "datarefresh_history";
    public int LockTimeoutSeconds { get; init; }

    /// <summary>settings.index_build_memory_mb: sort memory for rebuilding the indexes of a truncated table (0: keep them during the load).</summary>
    public int IndexBuildMemoryMegabytes { get; init; } = 256;

    /// <summary>
    /// settings.partition_parallelism: how many partitions a staging_partition_switch refresh loads at once on
    /// PostgreSQL, each on its own pair of sessions (a table's own partition_parallelism overrides it).
    /// </summary>
    public int PartitionParallelism { get; init; } = DefaultPartitionParallelism;

    public const int DefaultPartitionParallelism = 4;

    /// <summary>The upper bound of partition_parallelism (settings and tables).</summary>
    public const int MaxPartitionParallelism = 64;

    /// <summary>The partition loads of <paramref name="table"/> that may run at once: its own partition_parallelism, else the setting.</summary>
    public int PartitionParallelismFor(TableConfig table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.PartitionParallelism ?? PartitionParallelism;
    }

    /// <summary>verify: how each table is compared with production after its refresh commits (a table's own verify: overrides it).</summary>
    public VerifyMode Verify { get; init; } = VerifyMode.Counts;

    /// <summary>The environment variable that holds the masking key (the key itself is never in a file or in this object).</summary>
    public string MaskingKeyEnv { get; init; } = DefaultMaskingKeyEnv;

    public const string DefaultMaskingKeyEnv = "DATAREFRESH_MASKING_KEY";

    /// <summary>require_masking: an unmasked column whose name looks personal blocks its table instead of warning.</summary>
    public bool RequireMasking { get; init; }

    /// <summary>personal_columns: extra name fragments (beyond the built-in list) that make a column look personal.</summary>
    public IReadOnlyList<string> PersonalColumns { get; init; } = [];
}
