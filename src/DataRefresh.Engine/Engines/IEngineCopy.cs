namespace DataRefresh.Engines;

/// <summary>Streaming one table's rows from source to target.</summary>
public interface IEngineCopy
{
    /// <summary>Stream rows from source to target; never holds a table in memory. Reports rows copied so far.</summary>
    Task<long> CopyAsync(CopyRequest request, IProgress<long> progress, CancellationToken cancellationToken);
}
