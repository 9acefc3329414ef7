namespace DataRefresh.Catalog;

/// <summary>
/// A sequence (or identity counter) that feeds columns of the target, with every column in the database that draws
/// from it, in the refreshed table or in others. After a load it is moved past the largest value of all of them,
/// never backwards.
/// </summary>
public sealed record SequenceInfo
{
    /// <summary>The sequence's name; for an IDENTITY or an AUTOINCREMENT, the table it belongs to.</summary>
    public required QualifiedName Name { get; init; }

    public required SequenceKind Kind { get; init; }

    /// <summary>Every column that draws from it, in schema, table and column order.</summary>
    public required IReadOnlyList<SequenceUser> Users { get; init; }

    /// <summary>As the plan shows it: <c>public.orders_id_seq (archive_orders.order_id, orders.order_id)</c>.</summary>
    public override string ToString()
    {
        var name = Kind switch
        {
            SequenceKind.Identity => $"{Name} IDENTITY",
            SequenceKind.AutoIncrement => $"{Name} AUTOINCREMENT",
            _ => Name.ToString(),
        };
        var users = Users.Select(u => u.Table.Schema == Name.Schema ? $"{u.Table.Name}.{u.Column}" : $"{u.Table}.{u.Column}");
        return $"{name} ({string.Join(", ", users)})";
    }

    /// <summary>Two tables that draw from one sequence list it twice; this is what makes them the same.</summary>
    internal (SequenceKind, QualifiedName) Key => (Kind, Name);
}
