namespace DataRefresh.Configuration;

/// <summary>
/// Tables a refresh must never empty and reload: the database's own (a superuser target would let a run replace
/// pg_description) and DataRefresh's history table. Refused while the file is validated, from the names alone;
/// the plan refuses them again from the catalog (<see cref="Engines.TableCatalog"/>), for what only the server knows
/// (a search path listing pg_catalog, a login's default schema).
/// </summary>
internal static class SystemTables
{
    private const string Never = "DataRefresh never refreshes system tables";

    /// <summary>Why this name is never refreshed on this engine, or null. System names are recognised whatever their case or quoting.</summary>
    public static string? Refusal(EngineKind engine, TableName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var schema = name.Schema?.Value;
        return engine switch
        {
            // PostgreSQL reserves every schema named pg_* (pg_catalog, pg_toast, pg_temp_N, pg_toast_temp_N).
            EngineKind.PostgreSql when schema is not null && (schema.StartsWith("pg_", StringComparison.OrdinalIgnoreCase) || NameFolding.Same(schema, "information_schema"))
                => $"'{name}' is in a PostgreSQL system schema (pg_catalog, information_schema, pg_toast, pg_temp…: every schema named pg_*); {Never}",
            EngineKind.SqlServer when schema is not null && (NameFolding.Same(schema, "sys") || NameFolding.Same(schema, "INFORMATION_SCHEMA"))
                => $"'{name}' is in a SQL Server system schema (sys, INFORMATION_SCHEMA); {Never}",

            // SQLite reserves every table name starting sqlite_, in any case (sqlite_master, sqlite_sequence, sqlite_stat1…).
            EngineKind.Sqlite when name.Name.Value.StartsWith("sqlite_", StringComparison.OrdinalIgnoreCase)
                => $"'{name}' is one of SQLite's own tables (every name starting sqlite_); {Never}",
            _ => null,
        };
    }

    /// <summary>
    /// Why this table is the history table, or null. Without the server, a name with a schema and one without
    /// might be the same table: that counts as the history table (a refresh must never empty it).
    /// </summary>
    public static string? HistoryRefusal(EngineKind? engine, TableName name, string historyTable)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!TableName.TryParse(historyTable, out var history, out _) || !NameFolding.Same(name.Name.Value, history!.Name.Value))
        {
            return null;
        }

        // SQLite has one schema, main: a name with it and one without are the same table.
        var (schema, historySchema) = engine == EngineKind.Sqlite ? ("main", "main") : (name.Schema?.Value, history.Schema?.Value);
        if (schema is not null && historySchema is not null && !NameFolding.Same(schema, historySchema))
        {
            return null;
        }

        var message = $"'{name}' is the history table (settings.history_table: {historyTable}); DataRefresh writes its own history there and never refreshes it";
        return (schema is null) == (historySchema is null) ? message : message + "; if this is another table, give settings.history_table its schema";
    }
}
