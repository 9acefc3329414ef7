using DataRefresh.Catalog;
using DataRefresh.Configuration;
using DataRefresh.Engines;

namespace DataRefresh.Checks;

public enum CheckOutcome
{
    Passed,
    Warning,
    Failed,
    NotSupported,
}

/// <summary>One finding of Test-RefreshConfig.</summary>
public sealed record ConfigCheck(string Check, string Side, CheckOutcome Outcome, string Message);

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
                connection = await engine.OpenAsync(side, purpose, config.Settings, "DataRefresh check", cancellationToken).ConfigureAwait(false);
            }
            catch (DatabaseConnectionException ex)
            {
                var auth = engine.IsAuthenticationFailure(ex);
                checks.Add(new ConfigCheck("Reachable", name, auth ? CheckOutcome.Passed : CheckOutcome.Failed, auth ? $"{side.Display} answered" : ex.Message));
                checks.Add(new ConfigCheck("Authentication", name, auth ? CheckOutcome.Failed : CheckOutcome.Warning, auth ? ex.Message : "not checked: the server could not be reached"));
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
            checks.Add(s == t
                ? new ConfigCheck("DistinctDatabases", "", CheckOutcome.Failed, $"source and target are the same database ({t.Server}/{t.Database}); refreshes will refuse to run")
                : new ConfigCheck("DistinctDatabases", "", CheckOutcome.Passed, "source and target are different databases"));
        }

        return checks;
    }
}
