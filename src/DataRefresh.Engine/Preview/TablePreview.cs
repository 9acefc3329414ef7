using DataRefresh.Configuration;
using DataRefresh.Engines;

namespace DataRefresh.Preview;

/// <summary>One page of a configured table's rows, in key order, from one side.</summary>
public sealed record PreviewPage
{
    public required string Table { get; init; }
    public required DatabaseSide Side { get; init; }

    /// <summary>Every column, in the table's order, as that side spells them.</summary>
    public required IReadOnlyList<string> Columns { get; init; }

    /// <summary>The key the rows are ordered and paged by (primary key, else the narrowest unique key on NOT NULL columns); empty: no paging.</summary>
    public required IReadOnlyList<string> Key { get; init; }

    /// <summary>The rows (values in <see cref="Columns"/> order), after masking (<see cref="PreviewMasking"/>).</summary>
    public required IReadOnlyList<object?[]> Rows { get; init; }

    /// <summary>The last row's key (unmasked) when more rows follow: pass it as the next page's <c>after</c>. Null on the last page.</summary>
    public IReadOnlyList<object?>? NextAfter { get; init; }

    /// <summary>Why the page is not what was asked for (a table without a key shows one page only), or null.</summary>
    public string? Note { get; init; }
}

/// <summary>
/// A paged preview of a configured table's rows (the dashboard's data view): keyset paging on the table's key,
/// through read-only connections only: the source's read-only transaction, the target's inspect session (also in a
/// read transaction). Each engine's SQL is in its <see cref="IEngineRows"/>.
/// </summary>
public static class TablePreview
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static async Task<PreviewPage> ReadAsync(RefreshConfig config, string table, DatabaseSide side, IReadOnlyList<object?>? after, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (limit is < 1 or > MaxLimit)
        {
            throw new ArgumentException($"limit must be between 1 and {MaxLimit}");
        }

        var configured = config.Tables.FirstOrDefault(t => string.Equals(t.Name, table, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"no configured table is named '{table}'");
        if (!TableName.TryParse(configured.Name, out var name, out var error) || name is null)
        {
            throw new ArgumentException($"'{configured.Name}' is not a table name: {error}");
        }

        var database = side == DatabaseSide.Source ? config.Source : config.Target;
        var engine = EngineRegistry.For(database.Engine);
        var purpose = side == DatabaseSide.Source ? ConnectionPurpose.Source : ConnectionPurpose.Inspect;
        await using var connection = await engine.OpenAsync(database, purpose, config.Settings, "DataRefresh preview", cancellationToken).ConfigureAwait(false);
        var catalog = await engine.ReadCatalogAsync(connection, cancellationToken).ConfigureAwait(false);
        var resolved = catalog.Resolve(name) ?? throw new InvalidOperationException($"{side.ToString().ToLowerInvariant()}: the table {configured.Name} does not exist in {database.Display}");
        var schema = await engine.ReadTableAsync(connection, resolved, cancellationToken).ConfigureAwait(false);
        var columns = schema.Columns.OrderBy(c => c.Ordinal).Select(c => c.Name).ToList();
        var key = schema.RowKey;
        if (after is not null && key.Count > 0 && after.Count != key.Count)
        {
            throw new ArgumentException($"after: the key of {configured.Name} has {key.Count} column(s) ({string.Join(", ", key)}), not {after.Count}");
        }

        await using var transaction = await engine.BeginSourceReadAsync(connection, cancellationToken).ConfigureAwait(false);
        var rows = await engine.Rows.ReadPageAsync(connection, transaction, new RowPageRequest(resolved, columns, key, key.Count == 0 ? null : after, limit + 1, config.Settings.CommandTimeout), cancellationToken).ConfigureAwait(false);
        var page = rows.Take(limit).ToList();
        IReadOnlyList<object?>? next = null;
        if (rows.Count > limit && key.Count > 0)
        {
            var last = page[^1];
            next = [.. key.Select(k => last[IndexOf(columns, k)])];
        }

        PreviewMasking.Apply(config, configured, side, columns, page);
        return new PreviewPage
        {
            Table = configured.Name,
            Side = side,
            Columns = columns,
            Key = key,
            Rows = page,
            NextAfter = next,
            Note = key.Count == 0 ? $"{configured.Name} has no primary key or unique key on NOT NULL columns: the first {page.Count} rows, in no order, and no further pages" : null,
        };
    }

    private static int IndexOf(List<string> columns, string key)
    {
        var i = columns.FindIndex(c => string.Equals(c, key, StringComparison.Ordinal));
        return i >= 0 ? i : columns.FindIndex(c => string.Equals(c, key, StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>
/// The one place every preview row passes before it leaves the engine, on both sides. A masked column of
/// production's rows is withheld (shown as <see cref="Withheld"/>): production values of masked columns never
/// reach a page. UAT's rows were masked on the way in and show as they are. Rows are changed in place.
/// </summary>
public static class PreviewMasking
{
    /// <summary>What a masked column of a production row shows.</summary>
    public const string Withheld = "(masked)";

    public static void Apply(RefreshConfig config, TableConfig table, DatabaseSide side, IReadOnlyList<string> columns, IReadOnlyList<object?[]> rows)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        if (side != DatabaseSide.Source || table.Masking.Count == 0)
        {
            return;
        }

        var masked = columns.Select((c, i) => (c, i)).Where(x => table.Masking.Any(m => string.Equals(m.Column, x.c, StringComparison.OrdinalIgnoreCase))).Select(x => x.i).ToList();
        foreach (var row in rows)
        {
            foreach (var i in masked)
            {
                row[i] = Withheld;
            }
        }
    }
}
