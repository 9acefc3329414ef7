namespace DataRefresh.Events;

/// <summary>
/// How the engine talks back to a host: every step, attempt, progress report, notice and result as a
/// <see cref="RefreshEvent"/>, never through PowerShell or HTTP types. Called on the engine's threads, in order
/// for each table; an observer must return quickly (queue, do not write to a slow sink inline).
/// </summary>
public interface IRefreshObserver
{
    void OnEvent(RefreshEvent refreshEvent);
}
