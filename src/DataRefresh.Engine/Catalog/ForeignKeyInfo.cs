namespace DataRefresh.Catalog;

public sealed record ForeignKeyInfo(string Name, QualifiedName From, IReadOnlyList<string> FromColumns, QualifiedName To, IReadOnlyList<string> ToColumns, bool Deferrable)
{
    public ReferentialAction OnDelete { get; init; }

    public ReferentialAction OnUpdate { get; init; }

    /// <summary>SQL Server: the key is disabled (<c>NOCHECK CONSTRAINT</c>): nothing checks it, and external_references: defer leaves it so.</summary>
    public bool IsDisabled { get; init; }

    /// <summary>SQL Server: the key is enabled but not trusted (rows were never all checked): a defer re-enables it without re-checking every row, as it was.</summary>
    public bool IsNotTrusted { get; init; }

    /// <summary>When <see cref="From"/> is a partition (PostgreSQL): the partitioned table a run configures and empties.</summary>
    public QualifiedName? PartitionOf { get; init; }

    /// <summary>The table a run would configure to cover the referencing rows: the partitioned table for a partition.</summary>
    public QualifiedName ReferencingTable => PartitionOf ?? From;

    /// <summary>The action from its SQL words as catalogs spell them: <c>CASCADE</c>, <c>SET NULL</c>, <c>SET_NULL</c>, <c>NO ACTION</c>.</summary>
    public static ReferentialAction ParseAction(string words) => words.Trim().Replace('_', ' ').ToUpperInvariant() switch
    {
        "RESTRICT" => ReferentialAction.Restrict,
        "CASCADE" => ReferentialAction.Cascade,
        "SET NULL" => ReferentialAction.SetNull,
        "SET DEFAULT" => ReferentialAction.SetDefault,
        _ => ReferentialAction.NoAction,
    };

    public static string Sql(ReferentialAction action) => action switch
    {
        ReferentialAction.Restrict => "RESTRICT",
        ReferentialAction.Cascade => "CASCADE",
        ReferentialAction.SetNull => "SET NULL",
        ReferentialAction.SetDefault => "SET DEFAULT",
        _ => "NO ACTION",
    };
}
