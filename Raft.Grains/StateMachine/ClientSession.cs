namespace Raft.Grains.StateMachine;

/// <summary>
/// One client's session (dissertation §6.3): the last sequence number it applied and the encoded result of
/// that command, so a retry of it is answered from here instead of being applied twice.
/// </summary>
internal sealed class ClientSession(long id, string? name, long lastActiveMs)
{
    /// <summary>The log index of the RegisterSession entry that opened it.</summary>
    public long Id { get; } = id;

    /// <summary>The client's own id it was registered under, unique among live sessions; null when anonymous.</summary>
    public string? Name { get; } = name;

    /// <summary>0 until the first command; then the sequence of the newest command applied.</summary>
    public long LastSequence { get; private set; }

    /// <summary>The encoded result of the command numbered <see cref="LastSequence"/>; empty before the first.</summary>
    public byte[] LastResult { get; private set; } = [];

    /// <summary>The state machine's clock when the session last saw a command; never decreases.</summary>
    public long LastActiveMs { get; set; } = lastActiveMs;

    public void Record(long sequence, byte[] result)
    {
        LastSequence = sequence;
        LastResult = result;
    }
}
