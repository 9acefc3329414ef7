namespace DataRefresh.Masking;

/// <summary>Column names that look like personal data (the plan warns when such a column is copied unmasked).</summary>
public static class PersonalColumns
{
    /// <summary>The built-in fragments, matched against the name lowercased with _, -, spaces removed; settings.personal_columns adds more.</summary>
    public static readonly IReadOnlyList<string> BuiltIn =
    [
        "email", "phone", "mobile", "ssn", "socialsecurity", "birth", "dob", "firstname", "lastname", "fullname", "surname", "givenname",
        "address", "street", "postcode", "postalcode", "zipcode", "iban", "accountnumber", "card", "passport", "taxid", "taxnumber",
        "nationalid", "driverslicense", "licensenumber",
    ];

    /// <summary>The fragment a column name matches, or null.</summary>
    public static string? Match(string column, IReadOnlyList<string> extra)
    {
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(extra);
        var name = Normalize(column);
        return BuiltIn.Concat(extra).FirstOrDefault(f => Normalize(f) is { Length: > 0 } n && name.Contains(n, StringComparison.Ordinal));
    }

    private static string Normalize(string name) => new([.. name.ToLowerInvariant().Where(char.IsLetterOrDigit)]);
}
