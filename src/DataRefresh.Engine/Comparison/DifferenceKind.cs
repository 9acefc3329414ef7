namespace DataRefresh.Comparison;

public enum DifferenceKind
{
    /// <summary>Production has the key, UAT does not.</summary>
    SourceOnly,

    /// <summary>UAT has the key, production does not.</summary>
    TargetOnly,

    /// <summary>Both have the key; some copied column differs.</summary>
    Changed,
}
