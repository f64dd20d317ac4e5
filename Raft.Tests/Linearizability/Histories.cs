using Raft.Simulator.Checking.Linearizability;

namespace Raft.Tests.Linearizability;

/// <summary>Short builders for hand-written register and key-value histories: one line per operation.</summary>
internal static class Histories
{
    public static Operation<RegisterInput, RegisterOutput> Write(string key, string value, long invoke, long complete, int client = 0) =>
        Operation.Completed(client, (RegisterInput)new RegisterInput.Write(key, value), RegisterOutput.Written, invoke, complete);

    public static Operation<RegisterInput, RegisterOutput> UnknownWrite(string key, string value, long invoke, int client = 0) =>
        Operation.Unknown<RegisterInput, RegisterOutput>(client, new RegisterInput.Write(key, value), invoke);

    public static Operation<RegisterInput, RegisterOutput> Read(string key, string? value, long invoke, long complete, int client = 0) =>
        Operation.Completed(client, (RegisterInput)new RegisterInput.Read(key), new RegisterOutput(value), invoke, complete);

    public static LinearizabilityResult<RegisterInput, RegisterOutput> Check(
        IReadOnlyList<Operation<RegisterInput, RegisterOutput>> history, CheckBudget? budget = null) =>
        LinearizabilityChecker.Check(RegisterModel.Instance, history, budget);

    public static Operation<KvInput, KvOutput> Kv(KvInput input, KvOutput? output, long invoke, long complete, int client = 0) =>
        new(client, input, output, invoke, output is null ? long.MaxValue : complete);

    public static LinearizabilityResult<KvInput, KvOutput> Check(IReadOnlyList<Operation<KvInput, KvOutput>> history) =>
        LinearizabilityChecker.Check(KvModel.Instance, history);
}
