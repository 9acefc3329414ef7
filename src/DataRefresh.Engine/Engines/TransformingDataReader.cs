using System.Collections;
using System.Data.Common;

namespace DataRefresh.Engines;

/// <summary>
/// A reader that hands a bulk loader (SqlBulkCopy) each row of <paramref name="inner"/> after
/// <paramref name="transform"/> changed it. Each row is read whole, in column order (sequential access allows
/// that), transformed, then served from memory; column metadata is the inner reader's, and the inner reader stays its owner's to dispose.
/// </summary>
internal sealed class TransformingDataReader(DbDataReader inner, IRowTransformer transform) : DbDataReader
{
    private readonly object?[] _row = new object?[inner.FieldCount];

    public override int FieldCount => inner.FieldCount;

    public override int Depth => inner.Depth;

    public override bool HasRows => inner.HasRows;

    public override bool IsClosed => inner.IsClosed;

    public override int RecordsAffected => inner.RecordsAffected;

    public override object this[int ordinal] => GetValue(ordinal);

    public override object this[string name] => GetValue(GetOrdinal(name));

    public override bool Read()
    {
        if (!inner.Read())
        {
            return false;
        }

        Transform();
        return true;
    }

    public override async Task<bool> ReadAsync(CancellationToken cancellationToken)
    {
        if (!await inner.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        Transform();
        return true;
    }

    public override bool NextResult() => false;

    public override string GetName(int ordinal) => inner.GetName(ordinal);

    public override int GetOrdinal(string name) => inner.GetOrdinal(name);

    public override string GetDataTypeName(int ordinal) => inner.GetDataTypeName(ordinal);

    public override Type GetFieldType(int ordinal) => inner.GetFieldType(ordinal);

    public override object GetValue(int ordinal) => _row[ordinal] ?? DBNull.Value;

    public override int GetValues(object[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var n = Math.Min(values.Length, _row.Length);
        for (var i = 0; i < n; i++)
        {
            values[i] = GetValue(i);
        }

        return n;
    }

    public override bool IsDBNull(int ordinal) => _row[ordinal] is null;

    public override Task<bool> IsDBNullAsync(int ordinal, CancellationToken cancellationToken) => Task.FromResult(IsDBNull(ordinal));

    public override T GetFieldValue<T>(int ordinal) => (T)GetValue(ordinal);

    public override bool GetBoolean(int ordinal) => (bool)GetValue(ordinal);

    public override byte GetByte(int ordinal) => (byte)GetValue(ordinal);

    public override char GetChar(int ordinal) => (char)GetValue(ordinal);

    public override DateTime GetDateTime(int ordinal) => (DateTime)GetValue(ordinal);

    public override decimal GetDecimal(int ordinal) => (decimal)GetValue(ordinal);

    public override double GetDouble(int ordinal) => (double)GetValue(ordinal);

    public override float GetFloat(int ordinal) => (float)GetValue(ordinal);

    public override Guid GetGuid(int ordinal) => (Guid)GetValue(ordinal);

    public override short GetInt16(int ordinal) => (short)GetValue(ordinal);

    public override int GetInt32(int ordinal) => (int)GetValue(ordinal);

    public override long GetInt64(int ordinal) => (long)GetValue(ordinal);

    public override string GetString(int ordinal) => (string)GetValue(ordinal);

    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) =>
        Slice((byte[])GetValue(ordinal), dataOffset, buffer, bufferOffset, length);

    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) =>
        Slice(((string)GetValue(ordinal)).ToCharArray(), dataOffset, buffer, bufferOffset, length);

    public override IEnumerator GetEnumerator() => new DbEnumerator(this, closeReader: false);

    /// <summary>The DbDataReader contract for GetBytes/GetChars: a null buffer asks for the length.</summary>
    private static long Slice<T>(T[] data, long dataOffset, T[]? buffer, int bufferOffset, int length)
    {
        if (buffer is null)
        {
            return data.Length;
        }

        var n = (int)Math.Max(0, Math.Min(length, data.Length - dataOffset));
        Array.Copy(data, dataOffset, buffer, bufferOffset, n);
        return n;
    }

    private void Transform()
    {
        RowTransforms.Read(inner, _row);
        transform.Apply(_row);
    }
}
