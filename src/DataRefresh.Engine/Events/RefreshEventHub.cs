namespace DataRefresh.Events;

/// <summary>
/// Several observers of one stream of events (the cmdlet and a dashboard, a test and the run registry): each gets
/// every event published after it subscribed, in publication order. An observer that throws is dropped, so a
/// broken listener never fails a refresh.
/// </summary>
public sealed class RefreshEventHub : IRefreshObserver
{
    private readonly object _gate = new();
    private IRefreshObserver[] _observers = [];

    public RefreshEventHub(params IRefreshObserver[] observers) => _observers = [.. observers];

    /// <summary>Start receiving events; dispose the result to stop.</summary>
    public IDisposable Subscribe(IRefreshObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        lock (_gate)
        {
            _observers = [.. _observers, observer];
        }

        return new Subscription(this, observer);
    }

    public void OnEvent(RefreshEvent refreshEvent)
    {
        IRefreshObserver[] observers;
        lock (_gate)
        {
            // One event at a time, so every observer sees the same order.
            observers = _observers;
            foreach (var observer in observers)
            {
                try
                {
                    observer.OnEvent(refreshEvent);
                }
#pragma warning disable CA1031 // An observer's bug is not the refresh's: it is dropped, and the run goes on.
                catch (Exception)
#pragma warning restore CA1031
                {
                    Unsubscribe(observer);
                }
            }
        }
    }

    private void Unsubscribe(IRefreshObserver observer)
    {
        lock (_gate)
        {
            _observers = [.. _observers.Where(o => !ReferenceEquals(o, observer))];
        }
    }

    private sealed class Subscription(RefreshEventHub hub, IRefreshObserver observer) : IDisposable
    {
        public void Dispose() => hub.Unsubscribe(observer);
    }
}
