using System.Data.Common;
using System.Globalization;
using DataRefresh.Catalog;
using Microsoft.Data.Sqlite;

namespace DataRefresh.Engines.Sqlite;

/// <summary>SQLite's errors made as specific as PostgreSQL's: its own messages name no table and no key.</summary>
internal static class SqliteErrors
{
    /// <summary>SQLITE_CONSTRAINT_FOREIGNKEY: an insert whose row references a parent row that does not exist.</summary>
    public const int ForeignKeyFailed = 787;

    /// <summary>
    /// "FOREIGN KEY constraint failed" for a copied row: name the table being loaded, and look up which of its
    /// foreign keys the row breaks, as PostgreSQL's DETAIL does ("Key (parent_id)=(6) is not present in table main.parent").
    /// Only runs on the failure path, inside the refresh transaction (SQLite keeps it open after a failed statement).
    /// </summary>
    public static async Task<ConstraintViolationException> ForeignKeyAsync(CopyRequest request, IReadOnlyList<object?> row, SqliteException error, CancellationToken cancellationToken)
    {
        var table = request.TargetTable;
        var summary = $"{error.Message.TrimEnd('.')} loading {table.Name}";
        var broken = new List<string>();
        foreach (var fk in table.References)
        {
            var values = fk.FromColumns.Select(c => request.Columns.ToList().FindIndex(k => string.Equals(k, c, StringComparison.OrdinalIgnoreCase)) is var i and >= 0 ? row[i] : null).ToList();
            if (values.Exists(v => v is null or DBNull))
            {
                continue; // a key with a NULL in it references nothing
            }

            var parentColumns = fk.ToColumns.Any(c => c.Length == 0) ? await PrimaryKeyAsync(request.Target, fk.To, cancellationToken).ConfigureAwait(false) : fk.ToColumns;
            var where = string.Join(" AND ", parentColumns.Select((c, i) => $"{SqliteEngine.Quote(c)} = @k{i}"));
            var parameters = values.Select((v, i) => ($"k{i}", v)).ToArray();
            var found = await request.Target.ScalarAsync(request.TargetTransaction, $"SELECT EXISTS (SELECT 1 FROM {SqliteEngine.Quote(fk.To)} WHERE {where})", cancellationToken, null, parameters).ConfigureAwait(false);
            if (found is not 1L)
            {
                broken.Add($"Key ({string.Join(", ", fk.FromColumns)})=({string.Join(", ", values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)))}) is not present in table {fk.To} ({string.Join(", ", parentColumns)})");
            }
        }

        var detail = broken.Count > 0
            ? string.Join("; ", broken) + "."
            : $"the row breaks one of the foreign keys of {table.Name}: {string.Join("; ", table.References.Select(fk => $"({string.Join(", ", fk.FromColumns)}) references {fk.To}"))}.";
        return new ConstraintViolationException(summary, detail, error);
    }

    private static async Task<IReadOnlyList<string>> PrimaryKeyAsync(DbConnection connection, QualifiedName table, CancellationToken cancellationToken)
    {
        var columns = new List<string>();
        await using var command = connection.Command(null, "SELECT name FROM pragma_table_info(@name) WHERE pk > 0 ORDER BY pk", null, ("name", table.Name));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }
}
