using System.CommandLine;

namespace Raft.Client.Commands;

/// <summary>Wiring helpers shared by the command builders.</summary>
internal static class CommandExtensions
{
    /// <summary>Makes <paramref name="body"/> the command's action, run through <paramref name="host"/>.</summary>
    public static Command WithBody(this Command command, ICommandHost host, Func<CommandContext, Task<int>> body)
    {
        command.SetAction((parse, cancellationToken) => host.RunAsync(parse, body, cancellationToken));
        return command;
    }

    /// <summary>Adds an error unless the option's value (when given) is at least <paramref name="minimum"/>.</summary>
    public static Option<T> AtLeast<T>(this Option<T> option, T minimum)
        where T : IComparable<T>
    {
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<T>();
            if (value is not null && value.CompareTo(minimum) < 0) result.AddError($"{option.Name} must be at least {minimum}");
        });
        return option;
    }
}
