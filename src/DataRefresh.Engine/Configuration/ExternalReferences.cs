namespace DataRefresh.Configuration;

/// <summary>What a full_replace does about foreign keys from tables that are not emptied in the same unit.</summary>
public enum ExternalReferences
{
    /// <summary>Refuse in the plan: emptying the table would break rows that reference it.</summary>
    Block,

    /// <summary>Defer constraint checks to commit; the unit commits only if the reloaded rows still satisfy every reference.</summary>
    Defer,
}
