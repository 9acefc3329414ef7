using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace DataRefresh.PowerShell;

/// <summary>
/// The module's private load context. The engine and every third-party assembly (SqlClient, Npgsql, SQLite,
/// YamlDotNet) load here from the module's deps/ folder, resolved through the engine's deps.json so that
/// runtime-specific builds (SqlClient's unix build, SQLite's native library) are picked for this platform, and so
/// that other modules in the session (dbatools, SqlServer) keep their own versions of the same assemblies.
/// The dashboard (DataRefresh.Dashboard, and ASP.NET Core under it) loads here too, and only when a dashboard
/// cmdlet first runs: ASP.NET Core from the runtime's shared framework when it has one, else from the module's own
/// copy (aspnetcore/, the Microsoft.AspNetCore.App runtime pack), since the stock pwsh installs have none.
/// </summary>
internal sealed class ModuleLoadContext : AssemblyLoadContext
{
    private const string EngineAssembly = "DataRefresh.Engine";
    private const string DashboardAssembly = "DataRefresh.Dashboard";

    /// <summary>Set to "bundled" to take ASP.NET Core from the module's aspnetcore/ even where the runtime has it (tests that copy).</summary>
    internal const string AspNetCoreVariable = "DATAREFRESH_ASPNETCORE";
    private readonly AssemblyDependencyResolver _resolver;
    private readonly string _depsDirectory;
    private readonly string _aspNetCoreDirectory;

    private ModuleLoadContext(string enginePath)
        : base("DataRefresh", isCollectible: false)
    {
        _resolver = new AssemblyDependencyResolver(enginePath);
        _depsDirectory = Path.GetDirectoryName(enginePath)!;
        // Decided once, before anything loads (a file probe, nothing is loaded): the engine's Microsoft.Extensions.*
        // must be the same copies ASP.NET Core gets, whichever loads first.
        _aspNetCoreDirectory = AspNetCoreDirectory(Path.GetDirectoryName(_depsDirectory)!);
    }

    /// <summary>Where ASP.NET Core loads from in this process ("" when it has none), once a dashboard cmdlet asked.</summary>
    public static string AspNetCoreSource => Instance?._aspNetCoreDirectory ?? "";

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
        name.Name is EngineAssembly or DashboardAssembly && Instance is { } alc ? alc.LoadFromAssemblyName(name) : null;

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name == DashboardAssembly)
        {
            return LoadFromAssemblyPath(Path.Combine(_depsDirectory, DashboardAssembly + ".dll"));
        }

        var path = _resolver.ResolveAssemblyToPath(assemblyName);

        // pwsh does not load the ASP.NET Core shared framework; the dashboard's references to it resolve here. A
        // name both have (Microsoft.Extensions.*, which Npgsql and SqlClient use too) loads in its higher version,
        // so the engine and ASP.NET Core share one copy.
        var aspnet = _aspNetCoreDirectory.Length > 0 ? Path.Combine(_aspNetCoreDirectory, assemblyName.Name + ".dll") : "";
        if (aspnet.Length > 0 && File.Exists(aspnet) && (path is null || AssemblyName.GetAssemblyName(aspnet).Version >= AssemblyName.GetAssemblyName(path).Version))
        {
            path = aspnet;
        }

        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }

    /// <summary>
    /// The shared framework beside this runtime (same version: dotnet's own layout), else the module's copy. A
    /// self-contained pwsh (MSI, zip) has no shared framework next to it.
    /// </summary>
    private static string AspNetCoreDirectory(string moduleDirectory)
    {
        var bundled = Path.Combine(moduleDirectory, "aspnetcore");
        if (!string.Equals(Environment.GetEnvironmentVariable(AspNetCoreVariable), "bundled", StringComparison.OrdinalIgnoreCase))
        {
            var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
            var version = Path.GetFileName(runtimeDirectory);
            var shared = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", "Microsoft.AspNetCore.App", version));
            if (File.Exists(Path.Combine(shared, "Microsoft.AspNetCore.dll")))
            {
                return shared;
            }
        }

        return Directory.Exists(bundled) ? bundled : "";
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
