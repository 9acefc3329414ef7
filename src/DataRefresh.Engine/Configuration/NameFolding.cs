using System.Text;

namespace DataRefresh.Configuration;

/// <summary>
/// How an unquoted name part compares with a catalog name, the same on every engine and every operating system:
/// Unicode caseless matching done here in C#, never by the server's <c>lower()</c> (which, under a C or binary
/// collation, folds ASCII only). Both names are decomposed (NFD, so a precomposed "é" equals "e" + accent), the
/// few letters whose case folding is longer than one letter are expanded ("ß" and "ẞ" are "ss", "ﬁ" is "fi"),
/// and the rest compares letter by letter ignoring case with the invariant Unicode tables (no Turkish dotless-i
/// rule, no culture, no characters ignored). Checked against Unicode's own full case folding for every code point.
/// </summary>
internal static class NameFolding
{
    /// <summary>Full case foldings (Unicode CaseFolding.txt, status F) of letters NFD leaves whole, plus ϴ whose simple upper case is not Θ.</summary>
    private static readonly Dictionary<char, string> Expansions = new()
    {
        ['\u00DF'] = "ss",
        ['\u1E9E'] = "ss",
        ['\u0149'] = "\u02BCn",
        ['\u1E9A'] = "a\u02BE",
        ['\u03F4'] = "\u03B8",
        ['\uFB00'] = "ff",
        ['\uFB01'] = "fi",
        ['\uFB02'] = "fl",
        ['\uFB03'] = "ffi",
        ['\uFB04'] = "ffl",
        ['\uFB05'] = "st",
        ['\uFB06'] = "st",
        ['\u0587'] = "\u0565\u0582",
        ['\uFB13'] = "\u0574\u0576",
        ['\uFB14'] = "\u0574\u0565",
        ['\uFB15'] = "\u0574\u056B",
        ['\uFB16'] = "\u057E\u0576",
        ['\uFB17'] = "\u0574\u056D",
    };

    /// <summary>Compares <see cref="Key"/>s: two names are the same unquoted name exactly when their keys are equal under it.</summary>
    public static StringComparer KeyComparer => StringComparer.OrdinalIgnoreCase;

    /// <summary>The form a name is compared in (see the class summary).</summary>
    public static string Key(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var decomposed = name.Normalize(NormalizationForm.FormD);
        StringBuilder? expanded = null;
        for (var i = 0; i < decomposed.Length; i++)
        {
            if (Expansions.TryGetValue(decomposed[i], out var folded))
            {
                expanded ??= new StringBuilder(decomposed, 0, i, decomposed.Length + 4);
                expanded.Append(folded);
            }
            else
            {
                expanded?.Append(decomposed[i]);
            }
        }

        return expanded is null ? decomposed : expanded.ToString().Normalize(NormalizationForm.FormD);
    }

    /// <summary>Whether two names are the same unquoted name.</summary>
    public static bool Same(string a, string b) => KeyComparer.Equals(Key(a), Key(b));
}
