namespace DataRefresh.Events;

/// <summary>How noteworthy a <see cref="RefreshNotice"/> is.</summary>
public enum NoticeLevel
{
    /// <summary>Step-by-step detail (PowerShell's verbose stream).</summary>
    Detail,

    /// <summary>Something the DBA should read (PowerShell's warning stream).</summary>
    Warning,
}

/// <summary>A message that is not a step: how the source is read, leftovers dropped, a watermark not read back.</summary>
public sealed record RefreshNotice(NoticeLevel Level, string Message) : RefreshEvent;
