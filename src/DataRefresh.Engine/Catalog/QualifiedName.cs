namespace DataRefresh.Catalog;

/// <summary>A table's exact catalog name: schema and name as the database spells them.</summary>
public sealed record QualifiedName(string Schema, string Name)
{
    public override string ToString() => $"{Schema}.{Name}";
}
