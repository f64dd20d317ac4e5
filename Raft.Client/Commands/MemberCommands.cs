using System.CommandLine;
using System.Globalization;
using Raft.Client.Output;
using Raft.Core.Members;

namespace Raft.Client.Commands;

/// <summary>
/// The group's membership and leadership: <c>members</c>, <c>member add N [--learner]</c>,
/// <c>member promote N</c>, <c>member remove N</c> and <c>transfer-leader N</c>. A change prints once it is
/// committed; a refusal is one <c>ERR code: message</c> line with the HTTP API's code, exit 1 (3 when the
/// cluster could not serve: no leader, not ready yet, a transfer under way, timeout).
/// </summary>
internal static class MemberCommands
{
    public static IEnumerable<Command> Create(ICommandHost host) => [Members(host), Member(host), TransferLeader(host)];

    private static Command Members(ICommandHost host)
    {
        var command = new Command("members", "Show the group: voters, learners, the leader, and every configured peer with its silo and match index");
        return command.WithBody(host, async c =>
        {
            var members = await c.Cluster.GetMembersAsync(c.Cancellation).ConfigureAwait(false);
            if (c.Output.Json) c.Output.WriteJson(members);
            else MembersTableRenderer.Render(members, SpectreConsoleFactory.Create(c.Output.Out, c.Console.IsInteractive));
            return ExitCodes.Success;
        });
    }

    private static Command Member(ICommandHost host)
    {
        var addId = PeerArgument();
        var learner = new Option<bool>("--learner") { Description = "Add it as a learner: it receives the log but does not vote until promoted" };
        var add = new Command("add", "Add a peer of the cluster file to the group; prints once the change is committed") { addId, learner };
        add.WithBody(host, c => ChangeAsync(c, c.Parse.GetValue(learner) ? MembershipChangeKind.AddLearner : MembershipChangeKind.AddVoter, c.Parse.GetRequiredValue(addId)));

        var promoteId = PeerArgument();
        var promote = new Command("promote", "Make a learner a voter") { promoteId };
        promote.WithBody(host, c => ChangeAsync(c, MembershipChangeKind.Promote, c.Parse.GetRequiredValue(promoteId)));

        var removeId = PeerArgument();
        var remove = new Command("remove", "Remove a voter or learner from the group (a leader removing itself steps down once it commits)") { removeId };
        remove.WithBody(host, c => ChangeAsync(c, MembershipChangeKind.Remove, c.Parse.GetRequiredValue(removeId)));

        return new Command("member", "Add, promote or remove one peer at a time") { add, promote, remove };
    }

    private static Command TransferLeader(ICommandHost host)
    {
        var to = PeerArgument();
        var command = new Command("transfer-leader", "Hand leadership to a voter; prints once it leads") { to };
        return command.WithBody(host, async c =>
        {
            var result = await c.Cluster.TransferLeadershipAsync(c.Parse.GetRequiredValue(to), c.Cancellation).ConfigureAwait(false);
            c.Output.Result(result, $"OK peer {Number(result.Leader)} leads ({result.LeaderAddress ?? "address unknown"})");
            return ExitCodes.Success;
        });
    }

    private static async Task<int> ChangeAsync(CommandContext c, MembershipChangeKind kind, int id)
    {
        var result = await c.Cluster.ChangeMembershipAsync(new MembershipChange(kind, id), c.Cancellation).ConfigureAwait(false);
        c.Output.Result(result, $"OK peer {Number(result.Id)} is {(result.Role == "none" ? "no member" : "a " + result.Role)} (index {Number(result.Index)})");
        return ExitCodes.Success;
    }

    private static Argument<int> PeerArgument()
    {
        var argument = new Argument<int>("id") { Description = "The peer id (member I of the cluster file hosts peer I+1)" };
        argument.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && int.TryParse(result.Tokens[0].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id >= 1) return;
            result.AddError($"the peer id must be a positive whole number, not '{(result.Tokens.Count > 0 ? result.Tokens[0].Value : "")}'");
        });
        return argument;
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
