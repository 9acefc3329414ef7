using DataRefresh.Configuration;
using DataRefresh.Engines;

namespace DataRefresh.Masking;

/// <summary>
/// A table's <c>masking:</c> as a row transform (<see cref="IRowTransform"/>): it reaches every copy of the table
/// (simple_copy, a merge's temporary table, every staging table, incremental slices) through
/// <see cref="CopyRequest.Transform"/>, so no unmasked value is ever written to the target database.
/// </summary>
internal sealed class MaskingTransform(IReadOnlyList<ColumnMask> masks, EngineKind engine, MaskingKey key) : IRowTransform
{
    public IReadOnlyList<ColumnMask> Masks => masks;

    public IRowTransformer? Bind(CopyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var changes = new List<int>();
        var functions = new List<Func<object?, object?>>();
        var masker = new Masker(key);
        for (var i = 0; i < request.Columns.Count; i++)
        {
            var name = request.Columns[i];
            if (masks.FirstOrDefault(m => string.Equals(m.Column, name, StringComparison.OrdinalIgnoreCase)) is not { } mask)
            {
                continue;
            }

            var column = request.TargetTable.Column(name) ?? throw new InvalidOperationException($"{request.TargetTable.Name}: masked column {name} is not in the target table");
            var type = MaskColumnType.Of(column, engine);
            if (type.Misfit(mask.Rule, column) is { } misfit)
            {
                throw new InvalidOperationException($"{request.TargetTable.Name}: masking {mask.Column} ({mask.DeclaredAt}): {misfit}");
            }

            changes.Add(i);
            functions.Add(masker.For(mask.Rule, type));
        }

        // A masked column that is not copied (absent from the source) gets its default, not a production value.
        if (changes.Count == 0)
        {
            masker.Dispose();
            return null;
        }

        return new Transformer([.. changes], [.. functions]);
    }

    private sealed class Transformer(int[] changes, Func<object?, object?>[] functions) : IRowTransformer
    {
        public IReadOnlyList<int> Changes => changes;

        public void Apply(object?[] row)
        {
            for (var i = 0; i < changes.Length; i++)
            {
                row[changes[i]] = functions[i](row[changes[i]]);
            }
        }
    }
}
