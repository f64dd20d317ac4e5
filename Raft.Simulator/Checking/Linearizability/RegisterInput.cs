namespace Raft.Simulator.Checking.Linearizability;

/// <summary>An operation on one register among many, named by key: write a value, or read it.</summary>
public abstract record RegisterInput(string Key)
{
    public sealed record Write(string Key, string Value) : RegisterInput(Key)
    {
        public override string ToString() => $"write {Key}={Value}";
    }

    public sealed record Read(string Key) : RegisterInput(Key)
    {
        public override string ToString() => $"read {Key}";
    }
}
