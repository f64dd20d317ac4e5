using Raft.Core.Members;

namespace Raft.Grains.Serialization;

/// <summary>A membership change as Orleans carries it (see <see cref="EntrySurrogate"/> for why surrogates). The kind travels as its byte; the core refuses one it does not know.</summary>
[GenerateSerializer, Alias("raft.membership-change")]
public struct MembershipChangeSurrogate
{
    [Id(0)] public byte Kind;
    [Id(1)] public int PeerId;
}

[RegisterConverter]
public sealed class MembershipChangeSurrogateConverter : IConverter<MembershipChange, MembershipChangeSurrogate>
{
    public MembershipChange ConvertFromSurrogate(in MembershipChangeSurrogate surrogate) => new((MembershipChangeKind)surrogate.Kind, surrogate.PeerId);

    public MembershipChangeSurrogate ConvertToSurrogate(in MembershipChange value) => new() { Kind = (byte)value.Kind, PeerId = value.PeerId };
}
