using System.Data.Common;
using DataRefresh.Catalog;
using DataRefresh.Engines;
using DataRefresh.Execution;

namespace DataRefresh.Staging;

/// <summary>
/// Drops staging tables: this run's, and those of runs no longer alive (leftovers of a killed run). Each engine
/// supplies the query that lists them — schema, name, and whether the run that made it is still at work.
/// </summary>
internal static class StagingLeftovers
{
    public static async Task<int> DropAsync(DbConnection connection, DbTransaction? transaction, string listSql, Func<QualifiedName, string> dropSql, StagingTag? runTag, CancellationToken cancellationToken)
    {
        var drop = new List<QualifiedName>();
        await using (var command = connection.Command(transaction, listSql))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var name = reader.GetString(1);
                var mine = runTag is { } tag && tag.Owns(name);
                if (mine || !Convert.ToBoolean(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture))
                {
                    drop.Add(new QualifiedName(reader.GetString(0), name));
                }
            }
        }

        foreach (var table in drop)
        {
            await connection.ExecuteAsync(transaction, dropSql(table), cancellationToken).ConfigureAwait(false);
        }

        return drop.Count;
    }
}
