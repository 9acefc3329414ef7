namespace DataRefresh.Tests.Support;

/// <summary>
/// Tests that change the credential variables (SOURCE_DB_USER…) run alone: the variables belong to the whole
/// process, and every other PostgreSQL test reads them when it connects.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentDefinition
{
    public const string Name = "process environment";
}

/// <summary>Sets environment variables for one test (null removes one) and puts the old values back.</summary>
public sealed class EnvironmentScope : IDisposable
{
    private readonly List<(string Name, string? Value)> _saved = [];

    public EnvironmentScope(params (string Name, string? Value)[] variables)
    {
        foreach (var (name, value) in variables)
        {
            _saved.Add((name, Environment.GetEnvironmentVariable(name)));

            // .NET removes a variable set to "" (and keeps its own copy of the environment), so a blank value
            // made in-process is one of spaces.
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    public void Dispose()
    {
        foreach (var (name, value) in _saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }
}
