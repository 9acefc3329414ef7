namespace DataRefresh.Configuration;

/// <summary>verify: how a table is compared with production after its refresh commits.</summary>
public enum VerifyMode
{
    /// <summary>Not compared.</summary>
    Off,

    /// <summary>Exact row counts on both sides (the default).</summary>
    Counts,

    /// <summary>Counts and per-range row-hash sums (Compare-TableState -Method Checksum).</summary>
    Checksum,
}
