using Raft.Benchmarks.VsEtcd;

namespace Raft.Tests.Benchmarks;

// Proves vs-etcd's argument parsing: the issue's defaults (10,000 operations, median of 3 runs, 5 failover
// trials), every flag read (the three clusters' folders among them), and a usage error (not an exception)
// for a missing folder, an unknown flag, a flag without a value and a count that is not a whole number above 0.
public sealed class VsEtcdOptionsTests
{
    [Fact]
    public void Parse_OnlyFolders_TakesTheIssuesDefaults()
    {
        var (options, error) = VsEtcdOptions.Parse(["--etcd-state", "/tmp/e", "--dotnext-state", "/tmp/d", "--raft-state", "/tmp/r"]);

        Assert.Null(error);
        Assert.Equal(new VsEtcdOptions("/tmp/e", "/tmp/d", "/tmp/r", 10_000, 3, 5, TimeSpan.FromMilliseconds(200)), options);
        Assert.Equal(1_000, options!.WarmUpOperations);
    }

    [Fact]
    public void Parse_QuickRun_ReadsEveryFlag()
    {
        var (options, _) = VsEtcdOptions.Parse(
            ["--ops", "500", "--raft-state", "r", "--runs", "1", "--trials", "2", "--attempt-timeout-ms", "1000", "--etcd-state", "e", "--dotnext-state", "d"]);

        Assert.Equal(new VsEtcdOptions("e", "d", "r", 500, 1, 2, TimeSpan.FromSeconds(1)), options);
        Assert.Equal(100, options!.WarmUpOperations);
    }

    [Theory]
    [InlineData("--raft-state r --dotnext-state d", "--etcd-state, --dotnext-state and --raft-state are required")]
    [InlineData("--etcd-state e --raft-state r", "--etcd-state, --dotnext-state and --raft-state are required")]
    [InlineData("--etcd-state e --dotnext-state d --raft-state r --clients 4", "unknown option --clients")]
    [InlineData("--etcd-state e --dotnext-state d --raft-state r --ops", "--ops needs a value")]
    [InlineData("--etcd-state e --dotnext-state d --raft-state r --ops 0", "--ops takes a whole number above 0, not '0'")]
    [InlineData("--etcd-state e --dotnext-state d --raft-state r --runs many", "--runs takes a whole number above 0, not 'many'")]
    [InlineData("--etcd-state e --dotnext-state d --raft-state r --trials -1", "--trials takes a whole number above 0, not '-1'")]
    public void Parse_BadArguments_NamesTheProblem(string args, string expected)
    {
        var (options, error) = VsEtcdOptions.Parse(args.Split(' '));

        Assert.Null(options);
        Assert.Equal(expected, error);
    }
}
