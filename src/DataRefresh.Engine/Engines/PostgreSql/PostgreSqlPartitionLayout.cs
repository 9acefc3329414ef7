using System.Data.Common;
using System.Text.RegularExpressions;
using DataRefresh.Catalog;
using DataRefresh.Planning;
using static DataRefresh.Engines.PostgreSql.PostgreSqlEngine;
using static DataRefresh.Engines.PostgreSql.PostgreSqlPartitionObstacles;

namespace DataRefresh.Engines.PostgreSql;

internal enum PartitionFate
{
    /// <summary>No row of the partition is in the window, and no source row for it either.</summary>
    Untouched,

    /// <summary>Its window rows are deleted and the source's inserted in the refresh transaction; the partition stays as it is.</summary>
    InPlace,

    /// <summary>Every row it has is replaced: it is rebuilt aside and swapped in by DETACH/ATTACH.</summary>
    Swapped,
}

internal sealed record Partition(QualifiedName Name, string Lower, string Upper);

/// <param name="Why">Why the partition has this fate, in the plan's words.</param>
/// <param name="Obstacle">Whether it is in place only because something of it cannot be rebuilt exactly (the plan warns).</param>
internal sealed record PartitionMove(Partition Partition, PartitionFate Fate, string Why, bool Obstacle = false);

/// <param name="Reason">Why the table is not handled partition by partition at all (then its rows are loaded aside and moved in one transaction).</param>
internal sealed record PartitionLayout(string? Key, string? KeyType, IReadOnlyList<PartitionMove> Moves, string? Reason)
{
    public IEnumerable<PartitionMove> Touched => Moves.Where(m => m.Fate != PartitionFate.Untouched);

    public IReadOnlyList<PartitionMove> InPlace => [.. Moves.Where(m => m.Fate == PartitionFate.InPlace)];

    public IReadOnlyList<PartitionMove> Swapped => [.. Moves.Where(m => m.Fate == PartitionFate.Swapped)];

    /// <summary>The partition's range as a predicate on the key, for the source read, the staging CHECK and in-place deletes.</summary>
    public string Bound(Partition p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var key = Quote(Key!);
        var parts = new List<string> { $"{key} IS NOT NULL" };
        if (!p.Lower.Equals("MINVALUE", StringComparison.OrdinalIgnoreCase))
        {
            parts.Add($"{key} >= {p.Lower}::{KeyType}");
        }

        if (!p.Upper.Equals("MAXVALUE", StringComparison.OrdinalIgnoreCase))
        {
            parts.Add($"{key} < {p.Upper}::{KeyType}");
        }

        return string.Join(" AND ", parts);
    }

    /// <summary>Any of these partitions' ranges.</summary>
    public string Within(IEnumerable<PartitionMove> moves) => string.Join(" OR ", moves.Select(m => $"({Bound(m.Partition)})"));
}

/// <summary>
/// Which partitions a staged refresh swaps, which it changes in place and which it leaves alone — the same rows
/// simple_copy would delete and copy, decided from the same filters. A partition is swapped only when every row it
/// has goes (a full refresh, or a partition wholly at or above the delete bound; with nothing to delete, one that
/// holds no target rows) and nothing of it stands in the way (<see cref="PostgreSqlPartitionObstacles"/>).
/// </summary>
internal static partial class PostgreSqlPartitionLayout
{
    public static async Task<PartitionLayout> ReadAsync(DbConnection target, DbTransaction? transaction, TableSchema table, RefreshAction action, RowFilter? filter, RowFilter? delete, long? rowLimit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        PartitionLayout Whole(string? reason) => new(null, null, [], reason);
        if (!table.IsPartitioned)
        {
            return Whole(null);
        }

        const string keySql = """
            SELECT pt.partstrat::text, pt.partnatts, a.attname, format_type(a.atttypid, a.atttypmod)
            FROM pg_partitioned_table pt LEFT JOIN pg_attribute a ON a.attrelid = pt.partrelid AND a.attnum = pt.partattrs[0]
            WHERE pt.partrelid = @table::regclass
            """;
        string? key = null, keyType = null, strategy = null;
        short keys = 0;
        await PartitionRecipe.ReadRowsAsync(target, transaction, keySql, r =>
        {
            (strategy, keys) = (r.GetString(0), r.GetInt16(1));
            (key, keyType) = r.IsDBNull(2) ? (null, null) : (r.GetString(2), r.GetString(3));
        }, cancellationToken, ("table", Quote(table.Name))).ConfigureAwait(false);

        if (strategy != "r" || keys != 1 || key is null)
        {
            return Whole("the target is not RANGE-partitioned on a single column");
        }

        if (action == RefreshAction.Incremental && filter is not null && filter.Column != key)
        {
            return Whole($"the target is partitioned on {key}, not on the incremental column {filter.Column}");
        }

        if (table.ReferencedBy.Count > 0)
        {
            return Whole("foreign keys reference the target, and detaching a partition would check them row by row");
        }

        if (rowLimit is not null)
        {
            return Whole("row_limit caps the copy of the table as a whole, not partition by partition");
        }

        // What simple_copy would cause: its INSERTs, and its DELETEs or TRUNCATE (either, for a full refresh).
        var events = Insert | (action == RefreshAction.Full ? Delete | Truncate : delete is null ? 0 : Delete);
        if (await TableTriggerAsync(target, transaction, table.Name, events, cancellationToken).ConfigureAwait(false) is { } trigger)
        {
            return Whole($"trigger {trigger} of the table would fire for the rows copied and removed, as with simple_copy");
        }

        const string partitionsSql = """
            SELECT n.nspname, c.relname, pg_get_expr(c.relpartbound, c.oid), c.relkind::text
            FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE i.inhparent = @table::regclass
            ORDER BY n.nspname, c.relname
            """;
        var partitions = new List<Partition>();
        string? refused = null;
        await PartitionRecipe.ReadRowsAsync(target, transaction, partitionsSql, r =>
        {
            var bound = BoundPattern().Match(r.GetString(2));
            if (!bound.Success || r.GetString(3) != "r")
            {
                refused ??= $"partition {r.GetString(1)} is a default or sub-partitioned partition";
            }

            partitions.Add(new Partition(new QualifiedName(r.GetString(0), r.GetString(1)), bound.Groups[1].Value, bound.Groups[2].Value));
        }, cancellationToken, ("table", Quote(table.Name))).ConfigureAwait(false);

        if (refused is not null || partitions.Count == 0)
        {
            return Whole(refused ?? "the target has no partitions");
        }

        var obstacles = await PostgreSqlPartitionObstacles.ReadAsync(target, transaction, table.Name, events, cancellationToken).ConfigureAwait(false);
        var moves = new List<PartitionMove>();
        foreach (var p in partitions)
        {
            moves.Add(await MoveAsync(target, transaction, p, keyType!, action, filter, delete, obstacles.GetValueOrDefault(p.Name.Name), cancellationToken).ConfigureAwait(false));
        }

        return new PartitionLayout(key, keyType, moves, moves.All(m => m.Fate == PartitionFate.Untouched) ? "no partition reaches the window" : null);
    }

    private static async Task<PartitionMove> MoveAsync(DbConnection target, DbTransaction? transaction, Partition p, string keyType, RefreshAction action, RowFilter? filter, RowFilter? delete, string? obstacle, CancellationToken cancellationToken)
    {
        PartitionMove Replaced() => obstacle is null ? new(p, PartitionFate.Swapped, "") : new(p, PartitionFate.InPlace, obstacle, Obstacle: true);
        if (action == RefreshAction.Full)
        {
            return Replaced();
        }

        if (filter is null)
        {
            // The target has no value in the key column, so no rows in any partition: each is refilled from the source.
            return Replaced();
        }

        var value = Literal(filter.Value);
        var minimum = p.Lower.Equals("MINVALUE", StringComparison.OrdinalIgnoreCase);
        var maximum = p.Upper.Equals("MAXVALUE", StringComparison.OrdinalIgnoreCase);
        var op = delete is null ? ">" : ">=";
        var sql = $"SELECT {(maximum ? "true" : $"{p.Upper}::{keyType} > {value}")}, {(minimum ? "false" : $"{p.Lower}::{keyType} {op} {value}")}";
        var (reaches, inside) = (false, false);
        await PartitionRecipe.ReadRowsAsync(target, transaction, sql, r => (reaches, inside) = (r.GetBoolean(0), r.GetBoolean(1)), cancellationToken).ConfigureAwait(false);
        if (!reaches)
        {
            return new(p, PartitionFate.Untouched, delete is null ? "wholly at or below the watermark" : "wholly below the bound");
        }

        if (!inside)
        {
            return new(p, PartitionFate.InPlace, delete is null ? "it holds the watermark: its rows stay and the newer source rows are added" : "it straddles the bound: its rows below it stay");
        }

        return Replaced();
    }

    [GeneratedRegex(@"^FOR VALUES FROM \((.+)\) TO \((.+)\)$")]
    private static partial Regex BoundPattern();
}
