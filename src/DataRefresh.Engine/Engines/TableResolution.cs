using System.Data.Common;
using DataRefresh.Catalog;
using DataRefresh.Configuration;

namespace DataRefresh.Engines;

/// <summary>Resolving one name on a connection: one catalog read. Planning many names reads the catalog once instead.</summary>
public static class TableResolution
{
    /// <summary>Find a configured name in the catalog. Null when it does not exist; throws when it is ambiguous or a system table.</summary>
    public static async Task<QualifiedName?> ResolveTableAsync(this IEngineCatalog engine, DbConnection connection, TableName name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return (await engine.ReadCatalogAsync(connection, cancellationToken).ConfigureAwait(false)).Resolve(name);
    }
}
