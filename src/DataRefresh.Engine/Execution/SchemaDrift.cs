using DataRefresh.Catalog;

namespace DataRefresh.Execution;

/// <summary>What changed in a table's columns between its plan and the run, in the words a DBA needs.</summary>
internal static class SchemaDrift
{
    /// <summary>Null when every copied column is as planned and no column the load cannot fill appeared; else what changed.</summary>
    public static string? Describe(string side, TableSchema planned, TableSchema now, IReadOnlyList<string> copied)
    {
        var changes = new List<string>();
        foreach (var name in copied)
        {
            var before = planned.Column(name);
            var after = now.Column(name);
            if (after is null)
            {
                changes.Add($"column {name} was dropped");
            }
            else if (before is not null && (before.DataType != after.DataType || before.IsNullable != after.IsNullable || before.Identity != after.Identity || before.IsGenerated != after.IsGenerated || before.Collation != after.Collation))
            {
                changes.Add($"column {name} changed from {Shape(before)} to {Shape(after)}");
            }
        }

        foreach (var added in now.Columns.Where(c => planned.Column(c.Name) is null))
        {
            changes.Add($"column {added.Name} ({Shape(added)}) was added");
        }

        return changes.Count == 0 ? null : $"{side}'s {now.Name}: {string.Join("; ", changes)}";
    }

    private static string Shape(ColumnInfo c) =>
        c.DataType + (c.IsNullable ? " NULL" : " NOT NULL") + (c.Identity != IdentityKind.None ? $" identity {c.Identity}" : "") + (c.IsGenerated ? " generated" : "") + (c.Collation is { } coll ? $" collate {coll}" : "");
}
