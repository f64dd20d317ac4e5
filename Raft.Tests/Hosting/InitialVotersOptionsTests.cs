using Microsoft.Extensions.Configuration;
using Raft.Core.Node;
using Raft.Silo.Configuration;
using Raft.Silo.Hosting;
using Raft.Tests.Integration;

namespace Raft.Tests.Hosting;

/// <summary>
/// Proves which peers a silo starts as the group: a cluster file without "initial_voters" means every member
/// (as before); "initial_voters": N the first N, and a peer outside them starts as a joiner (its bootstrap
/// voters lack itself) while placement and topology still know every member; --initial-voters wins over the
/// file; a count outside 1..members stops the silo with one line.
/// </summary>
public sealed class InitialVotersOptionsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("raft-voters-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string FiveMembers(string? initialVoters)
    {
        var path = Path.Combine(_folder, "cluster.json");
        var addresses = string.Join(",", Enumerable.Range(1, 5).Select(i => $$"""{"ip":"127.0.0.1","port":{{9000 + i}},"internal_port":{{9100 + i}}}"""));
        File.WriteAllText(path, $$"""{{{(initialVoters is null ? "" : $"\"initial_voters\":{initialVoters},")}}"addresses":[{{addresses}}]}""");
        return path;
    }

    private static SiloOptions Load(params string[] args)
    {
        var configuration = new ConfigurationBuilder();
        SiloConfigurationSources.Add(configuration, args);
        return SiloOptionsLoader.Load(configuration.Build());
    }

    private static RaftConfig RaftConfigOf(SiloOptions options) =>
        new SiloRaftPeerHost(options, new InMemoryPeerStorageFactory(), new KeyValueStateMachineFactory(Raft.Grains.StateMachine.StateMachineLimits.Default), new RecordingPeerObserver()).SettingsFor(options.FindSelf().PeerIds[0]).Raft;

    [Fact]
    public void NoInitialVoters_EveryMemberVotes()
    {
        var options = Load("--cluster-file", FiveMembers(null), "--member", "4");

        Assert.Equal([1, 2, 3, 4, 5], options.InitialVoterPeerIds());
        Assert.Equal([1, 2, 3, 4, 5], RaftConfigOf(options).Peers);
    }

    [Fact]
    public void InitialVoters3_Member4IsAJoiner_TopologyKnowsEveryone()
    {
        var options = Load("--cluster-file", FiveMembers("3"), "--member", "4");

        Assert.Equal([1, 2, 3], RaftConfigOf(options).Peers);
        Assert.Equal([1, 2, 3, 4, 5], new SiloGroupTopology(options).AllPeers);
        Assert.Equal("member-3", new SiloGroupTopology(options).SiloOf(4));
    }

    [Fact]
    public void Flag_WinsOverTheFile()
    {
        var options = Load("--cluster-file", FiveMembers("3"), "--member", "0", "--initial-voters", "1");

        Assert.Equal([1], options.InitialVoterPeerIds());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("6")]
    public void OutOfRange_OneLine(string voters)
    {
        var error = Assert.Throws<SiloOptionsException>(() => Load("--cluster-file", FiveMembers(voters), "--member", "0"));

        Assert.Contains("initial_voters", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }
}
