# Runs before Import-Module loads DataRefresh.dll: installs the module's private AssemblyLoadContext, so the
# engine and its dependencies (SqlClient, Npgsql, SQLite, YamlDotNet) load from deps/ and never clash with
# the versions other modules (dbatools, SqlServer) bring into the session.
[System.Reflection.Assembly]::LoadFrom((Join-Path $PSScriptRoot 'DataRefresh.dll')) | Out-Null
[DataRefresh.PowerShell.ModuleInitializer]::Install()
