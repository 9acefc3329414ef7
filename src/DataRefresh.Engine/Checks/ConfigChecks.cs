using DataRefresh.Catalog;
using DataRefresh.Configuration;
using DataRefresh.Engines;
using DataRefresh.Execution;

namespace DataRefresh.Checks;

/// <summary>Validates a configuration and, unless offline, connects read-only to both sides. Writes nothing anywhere.</summary>
public static class ConfigChecks
{
    public static IReadOnlyList<ConfigCheck> Validate(IReadOnlyList<string> paths, out RefreshConfig? config)
    {
        try
        {
            config = ConfigLoader.Load(paths);
            return [new ConfigCheck("Configuration", "", CheckOutcome.Passed, $"{config.Tables.Count} table(s); source {config.Source.Display}, target {config.Target.Display} ({config.Source.Engine.ToString().ToLowerInvariant()})")];
        }
        catch (ConfigValidationException ex)
        {
            config = null;
            return ex.Errors.Select(e => new ConfigCheck("Configuration", "", CheckOutcome.Failed, e.ToString())).ToList();
        }
    }

    public static async Task<IReadOnlyList<ConfigCheck>> ConnectAsync(RefreshConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        IDatabaseEngine engine;
        try
        {
            engine = EngineRegistry.For(config.Source.Engine);
        }
        catch (NotSupportedException ex)
        {
            return [new ConfigCheck("Engine", "", CheckOutcome.NotSupported, ex.Message)];
        }

        var checks = new List<ConfigCheck>();
        var identities = new Dictionary<DatabaseSide, ServerIdentity>();
        foreach (var side in new[] { config.Source, config.Target })
        {
            var name = side.Side.ToString();
            System.Data.Common.DbConnection connection;
            try
            {
                var purpose = side.Side == DatabaseSide.Source ? ConnectionPurpose.Source : ConnectionPurpose.Inspect;
                connection = await engine.OpenAsync(side, purpose, config.Settings, RunTag.CheckLabel, cancellationToken).ConfigureAwait(false);
            }
            catch (DatabaseConnectionException ex)
            {
                checks.AddRange(ConnectionFailed(engine, side, ex));
                continue;
            }

            await using (connection.ConfigureAwait(false))
            {
                checks.Add(new ConfigCheck("Reachable", name, CheckOutcome.Passed, $"{side.Display} answered"));
                checks.Add(new ConfigCheck("Authentication", name, CheckOutcome.Passed, side.Auth == AuthType.Sql ? $"logged in as {side.UserVariable}" : side.Auth == AuthType.None ? "no login (SQLite file)" : "integrated login accepted"));
                identities[side.Side] = await engine.IdentifyAsync(connection, cancellationToken).ConfigureAwait(false);
                var writable = false;
                var catalog = await engine.ReadCatalogAsync(connection, cancellationToken).ConfigureAwait(false);
                foreach (var table in config.Tables)
                {
                    QualifiedName? resolved;
                    try
                    {
                        resolved = catalog.Resolve(TableName.Parse(table.Name));
                    }
                    catch (InvalidOperationException ex)
                    {
                        checks.Add(new ConfigCheck("TableExists", name, CheckOutcome.Failed, ex.Message));
                        continue;
                    }

                    checks.Add(resolved is null
                        ? new ConfigCheck("TableExists", name, CheckOutcome.Failed, $"table '{table.Name}' does not exist in {side.Display}")
                        : new ConfigCheck("TableExists", name, CheckOutcome.Passed, $"{table.Name} is {resolved}"));
                    if (resolved is not null && side.Side == DatabaseSide.Source)
                    {
                        writable |= await engine.CanWriteAsync(connection, resolved, cancellationToken).ConfigureAwait(false);
                    }
                }

                if (side.Side == DatabaseSide.Target)
                {
                    checks.Add(await HistoryTableAsync(engine, connection, config.Settings.HistoryTable, name, cancellationToken).ConfigureAwait(false));
                }

                if (side.Side == DatabaseSide.Source)
                {
                    checks.Add(writable
                        ? new ConfigCheck("SourceReadOnly", name, CheckOutcome.Warning, "the source login can write to configured tables; DataRefresh only reads the source (read-only sessions), but a read-only login is the safer production setup")
                        : new ConfigCheck("SourceReadOnly", name, CheckOutcome.Passed, "the source login cannot write to the configured tables"));
                }
            }
        }

        if (identities.TryGetValue(DatabaseSide.Source, out var s) && identities.TryGetValue(DatabaseSide.Target, out var t))
        {
            checks.Add(SameDatabase.Reported(s, t) is { } why
                ? new ConfigCheck("DistinctDatabases", "", CheckOutcome.Failed, $"source and target are the same database ({why}); refreshes will refuse to run")
                : new ConfigCheck("DistinctDatabases", "", CheckOutcome.Passed, "source and target are different databases"));
        }

        return checks;
    }

    /// <summary>The history table is created on first use; a name already taken by another kind of table fails the run.</summary>
    private static async Task<ConfigCheck> HistoryTableAsync(IDatabaseEngine engine, System.Data.Common.DbConnection connection, string historyTable, string side, CancellationToken cancellationToken)
    {
        try
        {
            var table = await History.HistoryJournal.FindExistingAsync(engine, connection, historyTable, cancellationToken).ConfigureAwait(false);
            return new ConfigCheck("HistoryTable", side, CheckOutcome.Passed, table is null
                ? $"{historyTable} does not exist yet: the first refresh creates it (settings.history_table)"
                : $"{table} is a DataRefresh history table");
        }
        catch (InvalidOperationException ex)
        {
            return new ConfigCheck("HistoryTable", side, CheckOutcome.Failed, ex.Message);
        }
    }

    /// <summary>Each cause is the check it belongs to: a missing database is not an unreachable server, nor a refused login.</summary>
    private static IEnumerable<ConfigCheck> ConnectionFailed(IEngineErrors engine, DatabaseConfig side, DatabaseConnectionException ex)
    {
        var name = side.Side.ToString();
        var answered = new ConfigCheck("Reachable", name, CheckOutcome.Passed, $"{side.Display} answered");
        switch (ex.Failure)
        {
            case ConnectionFailure.DatabaseMissing when side.Engine == EngineKind.Sqlite:
                // No server to reach and no login: the file is the database.
                return [new ConfigCheck("DatabaseExists", name, CheckOutcome.Failed, ex.Message)];
            case ConnectionFailure.DatabaseMissing:
                return [answered, new ConfigCheck("DatabaseExists", name, CheckOutcome.Failed, ex.Message), new ConfigCheck("Authentication", name, CheckOutcome.Warning, "not checked: the database could not be opened")];
            case ConnectionFailure.Credentials:
                return [new ConfigCheck("Reachable", name, CheckOutcome.Warning, "not checked: no connection was attempted without the login"), new ConfigCheck("Authentication", name, CheckOutcome.Failed, ex.Message)];
            case ConnectionFailure.LoginFailed:
            case ConnectionFailure.Other when engine.IsAuthenticationFailure(ex):
                return [answered, new ConfigCheck("Authentication", name, CheckOutcome.Failed, ex.Message)];
            default:
                return [new ConfigCheck("Reachable", name, CheckOutcome.Failed, ex.Message), new ConfigCheck("Authentication", name, CheckOutcome.Warning, "not checked: the server could not be reached")];
        }
    }
}
