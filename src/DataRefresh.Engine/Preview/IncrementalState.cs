using System.Globalization;
using DataRefresh.Configuration;
using DataRefresh.Engines;
using DataRefresh.Planning;

namespace DataRefresh.Preview;

/// <summary>An incremental table's column on both sides: production's MAX, UAT's MAX, and how far UAT is behind.</summary>
public sealed record IncrementalReading
{
    public required string Table { get; init; }
    public required string Column { get; init; }

    /// <summary>Production's MAX, as the watermark is written (<see cref="Watermarks.Format"/>); <see cref="PreviewMasking.Withheld"/> where the column is masked; null: the table is empty.</summary>
    public string? SourceMax { get; init; }

    public string? TargetMax { get; init; }

    /// <summary>Production's MAX minus UAT's: a number of values, or a time span (d.hh:mm:ss); null where unknown (masked, empty, or not comparable).</summary>
    public string? Lag { get; init; }

    /// <summary>True when UAT holds everything production has (by this column).</summary>
    public bool? UpToDate { get; init; }

    public required DateTimeOffset ReadAt { get; init; }
}

/// <summary>
/// Reads an incremental table's MAX on both sides, on request only (a MAX over a column without an index is a full
/// scan of production), through the read-only sessions: the source's read-only transaction and the target's
/// inspect session. A masked column's production MAX is withheld.
/// </summary>
public static class IncrementalState
{
    public static async Task<IncrementalReading> ReadAsync(RefreshConfig config, string table, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(clock);
        var configured = config.Tables.FirstOrDefault(t => string.Equals(t.Name, table, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"no configured table is named '{table}'");
        if (configured.SyncMode != SyncMode.Incremental || configured.IncrementalColumn is not { } column)
        {
            throw new ArgumentException($"{configured.Name} is not an incremental table (sync_mode {configured.SyncMode})");
        }

        var masked = configured.Masking.Any(m => string.Equals(m.Column, column, StringComparison.OrdinalIgnoreCase));
        var source = masked ? null : await MaxAsync(config, configured, DatabaseSide.Source, column, cancellationToken).ConfigureAwait(false);
        var target = await MaxAsync(config, configured, DatabaseSide.Target, column, cancellationToken).ConfigureAwait(false);
        var (lag, upToDate) = masked ? (null, null) : Lag(source, target);
        return new IncrementalReading
        {
            Table = configured.Name,
            Column = column,
            SourceMax = masked ? PreviewMasking.Withheld : Watermarks.Format(source),
            TargetMax = Watermarks.Format(target),
            Lag = lag,
            UpToDate = upToDate,
            ReadAt = clock.GetUtcNow(),
        };
    }

    /// <summary>Source minus target, where both are numbers or both are points in time.</summary>
    internal static (string? Lag, bool? UpToDate) Lag(object? source, object? target)
    {
        if (source is null)
        {
            return (null, target is null ? true : null);
        }

        if (target is null)
        {
            return (null, false);
        }

        try
        {
            switch (source, target)
            {
                case (DateTime s, DateTime t):
                    return (Span(s - t), s <= t);
                case (DateTimeOffset s, DateTimeOffset t):
                    return (Span(s - t), s <= t);
                case (DateOnly s, DateOnly t):
                    return (Span(TimeSpan.FromDays(s.DayNumber - t.DayNumber)), s <= t);
                case (IConvertible s, IConvertible t) when IsNumber(source) && IsNumber(target):
                    var d = Convert.ToDecimal(s, CultureInfo.InvariantCulture) - Convert.ToDecimal(t, CultureInfo.InvariantCulture);
                    return (Math.Max(d, 0).ToString(CultureInfo.InvariantCulture), d <= 0);
                default:
                    return (null, null);
            }
        }
        catch (OverflowException)
        {
            return (null, null);
        }
    }

    private static bool IsNumber(object value) => value is byte or short or int or long or decimal or double or float or sbyte or ushort or uint or ulong;

    private static string Span(TimeSpan lag) => lag <= TimeSpan.Zero ? "0" : lag.ToString(@"d\.hh\:mm\:ss", CultureInfo.InvariantCulture);

    private static async Task<object?> MaxAsync(RefreshConfig config, TableConfig configured, DatabaseSide side, string column, CancellationToken cancellationToken)
    {
        if (!TableName.TryParse(configured.Name, out var name, out var error) || name is null)
        {
            throw new ArgumentException($"'{configured.Name}' is not a table name: {error}");
        }

        var database = side == DatabaseSide.Source ? config.Source : config.Target;
        var engine = EngineRegistry.For(database.Engine);
        var purpose = side == DatabaseSide.Source ? ConnectionPurpose.Source : ConnectionPurpose.Inspect;
        await using var connection = await engine.OpenAsync(database, purpose, config.Settings, "DataRefresh dashboard", cancellationToken).ConfigureAwait(false);
        var catalog = await engine.ReadCatalogAsync(connection, cancellationToken).ConfigureAwait(false);
        var resolved = catalog.Resolve(name) ?? throw new InvalidOperationException($"{side.ToString().ToLowerInvariant()}: the table {configured.Name} does not exist in {database.Display}");
        var schema = await engine.ReadTableAsync(connection, resolved, cancellationToken).ConfigureAwait(false);
        var spelled = schema.Columns.FirstOrDefault(c => string.Equals(c.Name, column, StringComparison.OrdinalIgnoreCase))?.Name
            ?? throw new InvalidOperationException($"{side.ToString().ToLowerInvariant()}: {configured.Name} has no column {column}");
        await using var transaction = await engine.BeginSourceReadAsync(connection, cancellationToken).ConfigureAwait(false);
        return await engine.ReadMaxAsync(connection, transaction, resolved, spelled, cancellationToken).ConfigureAwait(false);
    }
}
