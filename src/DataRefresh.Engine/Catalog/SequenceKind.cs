namespace DataRefresh.Catalog;

/// <summary>What hands out a column's values when an insert does not supply them.</summary>
public enum SequenceKind
{
    /// <summary>A sequence object: PostgreSQL identity, serial or <c>DEFAULT nextval(…)</c>; SQL Server <c>DEFAULT NEXT VALUE FOR …</c>.</summary>
    Sequence,

    /// <summary>SQL Server IDENTITY: a counter that belongs to its table.</summary>
    Identity,

    /// <summary>SQLite AUTOINCREMENT: the table's row in sqlite_sequence.</summary>
    AutoIncrement,
}
