namespace DataRefresh.Engines;

/// <summary>One table of a database's catalog, as an engine lists it.</summary>
/// <param name="SearchOrder">
/// Where an unqualified name looks for this table's schema, lowest first (PostgreSQL: the position in the search
/// path; SQL Server: the login's default schema, then dbo, then every other schema alike; SQLite: main). Null
/// when an unqualified name never looks there.
/// </param>
/// <param name="IsSystem">A table of the database itself (system schema, TOAST, temporary, sqlite_*, shipped by Microsoft): never refreshed.</param>
public sealed record CatalogTable(string Schema, string Name, int? SearchOrder, bool IsSystem);
