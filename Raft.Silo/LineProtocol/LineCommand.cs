namespace Raft.Silo.LineProtocol;

/// <summary>One well-formed command, as parsed from the wire. A closed set: the constructor is private.</summary>
public abstract record LineCommand
{
    private LineCommand(string name)
    {
        Name = name;
    }

    /// <summary>1 to MaxNameBytes bytes of UTF-8, without whitespace or control characters.</summary>
    public string Name { get; }

    /// <summary><c>write &lt;name&gt; &lt;numbytes&gt; [&lt;exptime&gt;]</c>. TimeToLive is null for no exptime or exptime 0.</summary>
    public sealed record Write(string Name, ReadOnlyMemory<byte> Value, TimeSpan? TimeToLive) : LineCommand(Name);

    /// <summary><c>read &lt;name&gt;</c>.</summary>
    public sealed record Read(string Name) : LineCommand(Name);

    /// <summary><c>cas &lt;name&gt; &lt;version&gt; &lt;numbytes&gt; [&lt;exptime&gt;]</c>.</summary>
    public sealed record Cas(string Name, long ExpectedVersion, ReadOnlyMemory<byte> Value, TimeSpan? TimeToLive) : LineCommand(Name);

    /// <summary><c>delete &lt;name&gt;</c>.</summary>
    public sealed record Delete(string Name) : LineCommand(Name);
}
