namespace Raft.Silo.Transport;

/// <summary>The byte after a frame's length: what its payload holds.</summary>
public enum FrameType : byte
{
    /// <summary>First frame on every connection: protocol version and the sending silo's name.</summary>
    Handshake = 1,
    /// <summary>One Raft message encoded by <see cref="MessageCodec"/>.</summary>
    Message = 2,
}
