using Orleans.Storage;
using Raft.Grains.Persistence;

namespace Raft.Tests.Grains;

/// <summary>
/// One stored grain-state row with an ETag, and the per-activation views of it that grain storage gives
/// (<see cref="View"/>): a view writes only if the row still has the ETag the view last read or wrote,
/// as Orleans' providers do, else it throws <see cref="InconsistentStateException"/> and changes nothing.
/// </summary>
internal sealed class EtagHardStateRow
{
    private readonly Lock _lock = new();
    private PeerHardState _stored = new();
    private int _etag;

    public int Writes { get; private set; }

    /// <summary>Fails the next write after it reaches the row's lock, as a crash between two stores would lose it.</summary>
    public bool FailNextWrite { get; set; }

    public PeerHardState Stored
    {
        get { lock (_lock) return Copy(_stored); }
    }

    /// <summary>What an activation reads when it starts (Orleans reads grain state before OnActivateAsync).</summary>
    public IHardStateStore View()
    {
        lock (_lock) return new RowView(this, Copy(_stored), _etag);
    }

    private void Write(RowView view)
    {
        lock (_lock)
        {
            if (FailNextWrite)
            {
                FailNextWrite = false;
                throw new IOException("the process died before the hard state was written");
            }
            if (view.Etag != _etag) throw new InconsistentStateException($"etag {view.Etag} is stale, stored {_etag}", $"{_etag}", $"{view.Etag}");
            _stored = Copy(view.State);
            view.Etag = ++_etag;
            Writes++;
        }
    }

    private static PeerHardState Copy(PeerHardState state) =>
        new() { Term = state.Term, VotedFor = state.VotedFor, Commit = state.Commit, Epoch = state.Epoch };

    private sealed class RowView(EtagHardStateRow row, PeerHardState state, int etag) : IHardStateStore
    {
        public PeerHardState State { get; } = state;

        public int Etag { get; set; } = etag;

        public Task WriteAsync()
        {
            row.Write(this);
            return Task.CompletedTask;
        }
    }
}
