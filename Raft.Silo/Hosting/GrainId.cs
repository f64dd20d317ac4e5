namespace Raft.Silo.Hosting;

/// <summary>A grain's identity: its grain type (the interface name) and key, like Orleans' GrainId.</summary>
public readonly record struct GrainId(string Type, string Key)
{
    public static GrainId For<TGrainInterface>(string key) => new(typeof(TGrainInterface).Name, key);

    public override string ToString() => $"{Type}/{Key}";
}
