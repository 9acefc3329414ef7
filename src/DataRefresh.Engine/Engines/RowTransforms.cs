using System.Data.Common;

namespace DataRefresh.Engines;

/// <summary>Helpers shared by the engines' copy loops for <see cref="CopyRequest.Transform"/>.</summary>
internal static class RowTransforms
{
    /// <summary>The reader's current row into <paramref name="row"/> in column order, SQL NULL as <c>null</c>.</summary>
    public static void Read(DbDataReader reader, object?[] row)
    {
        for (var i = 0; i < row.Length; i++)
        {
            var value = reader.GetValue(i);
            row[i] = value is DBNull ? null : value;
        }
    }
}
