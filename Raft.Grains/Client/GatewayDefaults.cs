namespace Raft.Grains.Client;

/// <summary>Where a silo's Orleans gateway is when its cluster file does not say: one rule for the silos and the console.</summary>
public static class GatewayDefaults
{
    /// <summary>A member's gateway listens on internal_port + this unless its address has a "gateway_port".</summary>
    public const int PortOffset = 1000;
}
