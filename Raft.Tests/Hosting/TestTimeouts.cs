namespace Raft.Tests.Hosting;

/// <summary>Deadlines for host tests: a broken mailbox shows up as a call that never completes, which must fail the test, not hang the run.</summary>
public static class TestTimeouts
{
    public const int HostMs = 30_000;
}
