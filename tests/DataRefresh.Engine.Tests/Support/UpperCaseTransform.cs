using System.Collections.Concurrent;
using System.Reflection;
using DataRefresh.Engines;

namespace DataRefresh.Tests.Support;

/// <summary>
/// A row transform for tests: upper-cases one text column wherever it is copied, and records every request the
/// engines bound it to, so a test sees which copies the rows went through.
/// </summary>
public sealed class UpperCaseTransform(string column) : IRowTransform
{
    public ConcurrentQueue<CopyRequest> Requests { get; } = new();

    public IRowTransformer? Bind(CopyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Requests.Enqueue(request);
        var index = request.Columns.ToList().FindIndex(c => string.Equals(c, column, StringComparison.OrdinalIgnoreCase));
        return index < 0 ? null : new Bound(index);
    }

    private sealed class Bound(int index) : IRowTransformer
    {
        public IReadOnlyList<int> Changes { get; } = [index];

        public void Apply(object?[] row)
        {
            if (row[index] is string s)
            {
                row[index] = s.ToUpperInvariant();
            }
        }
    }
}

/// <summary>What every copy of one table must share, whichever path built it.</summary>
public static class CopyRequestFields
{
    /// <summary>
    /// Every field of <see cref="CopyRequest"/> equal in <paramref name="actual"/> and <paramref name="expected"/>
    /// but <paramref name="differing"/> (and where the rows go: target connection, transaction and table, which each
    /// path chooses). Read by reflection, so a field added to CopyRequest is checked on every path without edits here.
    /// </summary>
    public static void AssertSame(CopyRequest expected, CopyRequest actual, params string[] differing)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        string[] target = [nameof(CopyRequest.Target), nameof(CopyRequest.TargetTransaction), nameof(CopyRequest.TargetTable)];
        foreach (var property in typeof(CopyRequest).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (target.Contains(property.Name) || differing.Contains(property.Name))
            {
                continue;
            }

            var (e, a) = (property.GetValue(expected), property.GetValue(actual));
            if (e is System.Collections.IEnumerable es && a is System.Collections.IEnumerable @as && e is not string)
            {
                Assert.True(es.Cast<object?>().SequenceEqual(@as.Cast<object?>()), $"CopyRequest.{property.Name} differs");
            }
            else if (e is Catalog.TableSchema st && a is Catalog.TableSchema at)
            {
                Assert.True(st.Name == at.Name, $"CopyRequest.{property.Name} differs: {st.Name} and {at.Name}");
            }
            else
            {
                Assert.True(Equals(e, a), $"CopyRequest.{property.Name} differs: {e ?? "null"} and {a ?? "null"}");
            }
        }
    }
}
