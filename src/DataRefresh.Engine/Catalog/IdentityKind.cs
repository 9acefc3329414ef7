namespace DataRefresh.Catalog;

public enum IdentityKind
{
    None,

    /// <summary>Values may be supplied on insert (PostgreSQL BY DEFAULT, serial; SQLite INTEGER PRIMARY KEY).</summary>
    ByDefault,

    /// <summary>Values are generated unless explicitly overridden (PostgreSQL GENERATED ALWAYS; SQL Server IDENTITY).</summary>
    Always,
}
