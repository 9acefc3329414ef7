using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace DataRefresh.PowerShell;

/// <summary>
/// The module's private load context. The engine and every third-party assembly (SqlClient, Npgsql, SQLite,
/// YamlDotNet) load here from the module's deps/ folder, resolved through the engine's deps.json so that
/// runtime-specific builds (SqlClient's unix build, SQLite's native library) are picked for this platform, and so
/// that other modules in the session (dbatools, SqlServer) keep their own versions of the same assemblies.
/// </summary>
internal sealed class ModuleLoadContext : AssemblyLoadContext
{
    private const string EngineAssembly = "DataRefresh.Engine";
    private readonly AssemblyDependencyResolver _resolver;
    private readonly string _aspNetCoreDirectory;

    private ModuleLoadContext(string enginePath)
        : base("DataRefresh", isCollectible: false)
    {
        _resolver = new AssemblyDependencyResolver(enginePath);
        _aspNetCoreDirectory = AspNetCoreDirectory();
    }

    public static ModuleLoadContext? Instance { get; private set; }

    /// <summary>Idempotent: runs from the init script and from OnImport, and again after Remove-Module or -Force.</summary>
    public static void Install()
    {
        if (Instance is null)
        {
            var moduleDirectory = Path.GetDirectoryName(typeof(ModuleLoadContext).Assembly.Location)!;
            Instance = new ModuleLoadContext(Path.Combine(moduleDirectory, "deps", EngineAssembly + ".dll"));
        }

        Default.Resolving -= ResolveEngine;
        Default.Resolving += ResolveEngine;
    }

    public static void Uninstall() => Default.Resolving -= ResolveEngine;

    /// <summary>Only the engine crosses from the default context; everything it needs then resolves inside ours.</summary>
    private static Assembly? ResolveEngine(AssemblyLoadContext context, AssemblyName name) =>
        name.Name == EngineAssembly && Instance is { } alc ? alc.LoadFromAssemblyName(name) : null;

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var path = _resolver.ResolveAssemblyToPath(assemblyName);
        if (path is not null)
        {
            return LoadFromAssemblyPath(path);
        }

        // pwsh does not load the ASP.NET Core shared framework; take it from the dotnet root when asked.
        var shared = Path.Combine(_aspNetCoreDirectory, assemblyName.Name + ".dll");
        return _aspNetCoreDirectory.Length > 0 && File.Exists(shared) ? LoadFromAssemblyPath(shared) : null;
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }

    private static string AspNetCoreDirectory()
    {
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var version = Path.GetFileName(runtimeDirectory);
        var aspnet = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", "Microsoft.AspNetCore.App", version));
        return Directory.Exists(aspnet) ? aspnet : "";
    }
}

/// <summary>
/// Installs the load context. Import-Module reflects over the cmdlets (and so needs the engine) before it calls
/// OnImport, so the manifest's ScriptsToProcess calls <see cref="Install"/> first; OnImport covers a direct
/// Import-Module of the dll.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    public static void Install() => ModuleLoadContext.Install();

    public void OnImport() => ModuleLoadContext.Install();

    public void OnRemove(PSModuleInfo psModuleInfo) => ModuleLoadContext.Uninstall();
}
