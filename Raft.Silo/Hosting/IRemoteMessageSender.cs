using Raft.Core.Driver;

namespace Raft.Silo.Hosting;

/// <summary>
/// The remote-routing seam: sends a message to a peer hosted by another silo. The silo-to-silo transport
/// (Raft.Silo/Transport) fills it; <see cref="LocalMessageRouter"/> calls it for every message whose
/// recipient is not hosted here. Same contract as <see cref="IMessageSender"/>: never blocks, may drop.
/// </summary>
public interface IRemoteMessageSender : IMessageSender;
