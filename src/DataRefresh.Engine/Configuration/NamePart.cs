namespace DataRefresh.Configuration;

/// <summary>
/// One part of a configured name. Quoted parts match the catalog exactly, character for character; unquoted parts
/// ignoring case by Unicode rules that are the same on every engine (<see cref="NameFolding"/>).
/// </summary>
public sealed record NamePart(string Value, bool Quoted)
{
    public bool Matches(string catalogName) =>
        Quoted ? string.Equals(Value, catalogName, StringComparison.Ordinal) : NameFolding.Same(Value, catalogName);
}
