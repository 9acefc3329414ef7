namespace DataRefresh.Execution;

/// <summary>
/// One unit's part of a <see cref="RunTag"/>: eight characters of the run id, then <c>u</c> and the unit number
/// (<c>3fa85f64u2</c>). Every staging object of the unit is named <see cref="Name"/>: leftovers are traced to their
/// run, and parallel units of one run never create or drop each other's tables.
/// </summary>
/// <param name="Value">The tag as it appears in names (<c>3fa85f64u2</c>).</param>
public readonly record struct StagingTag(string Value)
{
    /// <summary>What every staging object of this unit starts with.</summary>
    public string Prefix => RunTag.StagingPrefix + Value + "_";

    /// <summary>A staging object of this unit: <c>_dr_stage_3fa85f64u2_</c> and the suffix (<c>0</c>, <c>old</c>, <c>rows</c>…).</summary>
    public string Name(string suffix) => Prefix + suffix;

    /// <summary>Whether a table was made by this unit (its name starts with <see cref="Prefix"/>).</summary>
    public bool Owns(string tableName) => tableName is not null && tableName.StartsWith(Prefix, StringComparison.Ordinal);

    public override string ToString() => Value;
}
