using System.Text;

namespace DataRefresh.Configuration;

/// <summary>
/// A table name as written in the config: <c>Users</c>, <c>dbo.Users</c>, <c>sales."Order Lines"</c>, <c>[dbo].[Users]</c>.
/// It is only ever matched against the catalog, never pasted into SQL.
/// </summary>
public sealed record TableName(NamePart? Schema, NamePart Name)
{
    public string Text { get; init; } = "";

    public override string ToString() => Text;

    public static TableName Parse(string text) =>
        TryParse(text, out var name, out var error) ? name! : throw new ArgumentException($"'{text}' is not a table name: {error}", nameof(text));

    public static bool TryParse(string text, out TableName? name, out string error)
    {
        name = null;
        var parts = new List<NamePart>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                error = parts.Count == 0 ? "the name is empty" : "the name ends with '.'";
                return false;
            }

            var c = text[i];
            if (c is '"' or '[')
            {
                var close = c == '"' ? '"' : ']';
                var sb = new StringBuilder();
                i++;
                var closed = false;
                while (i < text.Length)
                {
                    if (text[i] == close)
                    {
                        if (i + 1 < text.Length && text[i + 1] == close)
                        {
                            sb.Append(close);
                            i += 2;
                            continue;
                        }

                        i++;
                        closed = true;
                        break;
                    }

                    sb.Append(text[i++]);
                }

                if (!closed)
                {
                    error = $"the quoted part starting with {c} is not closed";
                    return false;
                }

                if (sb.Length == 0)
                {
                    error = "a quoted part is empty";
                    return false;
                }

                parts.Add(new NamePart(sb.ToString(), true));
            }
            else
            {
                var start = i;
                while (i < text.Length && text[i] != '.' && text[i] != '"' && text[i] != '[')
                {
                    i++;
                }

                var part = text[start..i].Trim();
                if (part.Length == 0)
                {
                    error = "a part of the name is empty";
                    return false;
                }

                parts.Add(new NamePart(part, false));
            }

            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                break;
            }

            if (text[i] != '.')
            {
                error = $"unexpected '{text[i]}' at position {i + 1}";
                return false;
            }

            i++;
        }

        if (parts.Count > 2)
        {
            error = "use table or schema.table (database or server prefixes are not allowed: the database comes from databases.source/target)";
            return false;
        }

        name = parts.Count == 2 ? new TableName(parts[0], parts[1]) { Text = text } : new TableName(null, parts[0]) { Text = text };
        error = "";
        return true;
    }
}
