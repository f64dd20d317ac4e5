namespace Raft.TestCluster.Faults;

/// <summary>
/// The fault table a test sets and heals while silos run: one-way or two-way blocks between silos, a drop
/// probability, and a delay with optional random jitter (which reorders messages). Every silo's
/// <see cref="FaultInjectingCallFilter"/> consults it on each grain call to a peer. Thread-safe; the random
/// source is seeded so a failing run can be replayed as far as thread scheduling allows.
/// </summary>
public sealed class NetworkFaults(int seed = 0)
{
    private readonly Lock _lock = new();
    private readonly HashSet<(string From, string To)> _blocked = [];
    private readonly Random _random = new(seed);
    private double _dropProbability;
    private TimeSpan _delay;
    private TimeSpan _jitter;

    /// <summary>Chance in [0, 1] that a one-way Raft message between silos is lost.</summary>
    public double DropProbability
    {
        get { lock (_lock) return _dropProbability; }
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 0.0);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 1.0);
            lock (_lock) _dropProbability = value;
        }
    }

    /// <summary>Delay added to every call between silos that is not dropped.</summary>
    public TimeSpan Delay
    {
        get { lock (_lock) return _delay; }
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            lock (_lock) _delay = value;
        }
    }

    /// <summary>Extra delay drawn per call from [0, Jitter): messages sent in one order arrive in another.</summary>
    public TimeSpan Jitter
    {
        get { lock (_lock) return _jitter; }
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            lock (_lock) _jitter = value;
        }
    }

    /// <summary>Cuts traffic from one silo to another; the reverse direction keeps working.</summary>
    public void Block(string fromSilo, string toSilo)
    {
        lock (_lock) _blocked.Add((fromSilo, toSilo));
    }

    /// <summary>Cuts traffic both ways between two silos.</summary>
    public void Partition(string siloA, string siloB)
    {
        lock (_lock)
        {
            _blocked.Add((siloA, siloB));
            _blocked.Add((siloB, siloA));
        }
    }

    /// <summary>Cuts one silo off from every other silo named, both ways.</summary>
    public void Isolate(string silo, IEnumerable<string> others)
    {
        ArgumentNullException.ThrowIfNull(others);
        foreach (var other in others)
        {
            if (other != silo) Partition(silo, other);
        }
    }

    public void Unblock(string fromSilo, string toSilo)
    {
        lock (_lock) _blocked.Remove((fromSilo, toSilo));
    }

    /// <summary>Removes every block, drop probability and delay.</summary>
    public void HealAll()
    {
        lock (_lock)
        {
            _blocked.Clear();
            _dropProbability = 0;
            _delay = TimeSpan.Zero;
            _jitter = TimeSpan.Zero;
        }
    }

    public bool IsBlocked(string fromSilo, string toSilo)
    {
        lock (_lock) return _blocked.Contains((fromSilo, toSilo));
    }

    /// <summary>What happens to one call from <paramref name="fromSilo"/> to <paramref name="toSilo"/>.</summary>
    public FaultVerdict OnSend(string fromSilo, string toSilo, bool oneWay)
    {
        lock (_lock)
        {
            // A request needs both directions: its answer travels back.
            if (_blocked.Contains((fromSilo, toSilo)) || (!oneWay && _blocked.Contains((toSilo, fromSilo)))) return FaultVerdict.Dropped;
            if (oneWay && _dropProbability > 0 && _random.NextDouble() < _dropProbability) return FaultVerdict.Dropped;
            var delay = _delay + (_jitter > TimeSpan.Zero ? TimeSpan.FromTicks((long)(_random.NextDouble() * _jitter.Ticks)) : TimeSpan.Zero);
            return delay > TimeSpan.Zero ? FaultVerdict.Delayed(delay) : FaultVerdict.Deliver;
        }
    }
}
