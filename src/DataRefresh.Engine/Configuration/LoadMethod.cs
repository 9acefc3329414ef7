namespace DataRefresh.Configuration;

/// <summary>How a full_replace loads a table: empty it and copy, or merge the source's rows into it by key.</summary>
public enum LoadMethod
{
    /// <summary>Merge when the table has a primary key and something outside the run's reloads references it; reload otherwise.</summary>
    Auto,

    /// <summary>Empty the table (TRUNCATE or DELETE) and copy every source row.</summary>
    Reload,

    /// <summary>Copy into a temporary table, then delete rows gone from the source, update changed rows, insert new ones.</summary>
    Merge,
}
