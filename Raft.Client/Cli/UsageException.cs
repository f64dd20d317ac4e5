namespace Raft.Client.Cli;

/// <summary>A command line that parsed but makes no sense (a malformed gateway, an unreadable cluster file); exits with <see cref="ExitCodes.UsageError"/>.</summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }
}
