using System.Globalization;

namespace DataRefresh.Configuration;

/// <summary>The masking rules a column can be given (<c>masking:</c> in a table's entry; see docs/masking.md).</summary>
public enum MaskKind
{
    /// <summary>Integer: a keyed permutation of the type's range (keys stay unique, foreign keys still match). Text: keyed hex that fits the column.</summary>
    Hash,

    /// <summary>A fake, well-formed, deterministic e-mail address.</summary>
    Email,
    FirstName,
    LastName,
    FullName,

    /// <summary>Digits replaced, punctuation and length kept.</summary>
    Phone,

    /// <summary>Every value becomes NULL.</summary>
    SetNull,

    /// <summary>Every value becomes <see cref="MaskRule.Value"/> (NULL too).</summary>
    Value,

    /// <summary>All but the last <see cref="MaskRule.KeepLast"/> characters replaced by <see cref="MaskRule.Fill"/>.</summary>
    Partial,

    /// <summary>A date moved by a deterministic number of days in -<see cref="MaskRule.ShiftDays"/>..+<see cref="MaskRule.ShiftDays"/>, never 0.</summary>
    DateShift,
}

/// <summary>One column's masking rule as configured.</summary>
public sealed record MaskRule
{
    public required MaskKind Kind { get; init; }

    /// <summary>For <see cref="MaskKind.Value"/>: the replacement, as written in the file.</summary>
    public string? Value { get; init; }

    /// <summary>For <see cref="MaskKind.Partial"/>: how many trailing characters stay.</summary>
    public int KeepLast { get; init; }

    /// <summary>For <see cref="MaskKind.Partial"/>: the character written over the others.</summary>
    public char Fill { get; init; } = '*';

    /// <summary>For <see cref="MaskKind.DateShift"/>: the largest shift, in days.</summary>
    public int ShiftDays { get; init; }

    /// <summary>The rule as the configuration spells it: <c>hash</c>, <c>partial(keep_last: 4, fill: *)</c>, <c>date_shift(30)</c>.</summary>
    public override string ToString() => Kind switch
    {
        MaskKind.Hash => "hash",
        MaskKind.Email => "email",
        MaskKind.FirstName => "first_name",
        MaskKind.LastName => "last_name",
        MaskKind.FullName => "full_name",
        MaskKind.Phone => "phone",
        MaskKind.SetNull => "set_null",
        MaskKind.Value => $"value({Value})",
        MaskKind.Partial => string.Create(CultureInfo.InvariantCulture, $"partial(keep_last: {KeepLast}, fill: {Fill})"),
        MaskKind.DateShift => string.Create(CultureInfo.InvariantCulture, $"date_shift({ShiftDays})"),
        _ => Kind.ToString(),
    };
}

/// <summary>A masked column of a table: which column, which rule, and where the file says so.</summary>
public sealed record ColumnMask(string Column, MaskRule Rule, string DeclaredAt)
{
    internal SourceLocation? At { get; init; }

    public override string ToString() => $"{Column}: {Rule}";
}
