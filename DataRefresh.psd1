@{
    # The source manifest: build.ps1 stamps ModuleVersion from version.txt and copies it into out/DataRefresh/.
    RootModule           = 'DataRefresh.dll'
    ModuleVersion        = '0.0.0'
    GUID                 = 'b4f5f3f8-3c1e-4c55-9a43-6d7f2b8e0a11'
    Author               = 'DataRefresh contributors'
    CompanyName          = 'DataRefresh'
    Copyright            = '(c) DataRefresh contributors. MIT License.'
    Description          = 'Refreshes UAT databases from production: plans before actions, one transaction per table, history, for SQL Server, PostgreSQL and SQLite.'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    CmdletsToExport      = @('Get-RefreshPlan', 'Invoke-TableRefresh', 'Get-RefreshHistory', 'Test-RefreshConfig', 'Compare-TableState', 'Start-RefreshDashboard', 'Stop-RefreshDashboard', 'Set-RefreshDashboardUser', 'Remove-RefreshDashboardUser')
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    FormatsToProcess     = @('DataRefresh.format.ps1xml')
    # Installs the module's private AssemblyLoadContext before PowerShell reflects over the cmdlets.
    ScriptsToProcess     = @('DataRefresh.init.ps1')
    PrivateData          = @{
        PSData = @{
            Tags       = @('database', 'refresh', 'uat', 'sqlserver', 'postgresql', 'sqlite', 'etl')
            LicenseUri = 'https://opensource.org/licenses/MIT'
        }
    }
}
