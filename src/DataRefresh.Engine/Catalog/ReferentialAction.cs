namespace DataRefresh.Catalog;

/// <summary>What the database does to referencing rows when the referenced row is deleted (or its key updated).</summary>
public enum ReferentialAction
{
    /// <summary>Fails if referencing rows remain when the constraint is checked (at commit once deferred).</summary>
    NoAction,

    /// <summary>Fails at once, even when the constraint is deferred (PostgreSQL, SQLite; SQL Server has no RESTRICT).</summary>
    Restrict,

    /// <summary>Deletes the referencing rows.</summary>
    Cascade,

    SetNull,
    SetDefault,
}
