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
        where T : IComparable<T> =>
        option.Check(value => value.CompareTo(minimum) >= 0, $"{option.Name} must be at least {minimum}");

    /// <summary>Adds an error unless the option's value (when given) is between <paramref name="minimum"/> and <paramref name="maximum"/>, both included.</summary>
    public static Option<T> Between<T>(this Option<T> option, T minimum, T maximum, string unit)
        where T : IComparable<T> =>
        option.Check(value => value.CompareTo(minimum) >= 0 && value.CompareTo(maximum) <= 0, $"{option.Name} must be between {minimum} and {maximum} {unit}");

    /// <summary>Adds <paramref name="error"/> unless the option's value (when given) passes <paramref name="isValid"/>.</summary>
    public static Option<T> Check<T>(this Option<T> option, Func<T, bool> isValid, string error)
    {
        option.Validators.Add(result =>
        {
            T? value;
            try
            {
                value = result.GetValueOrDefault<T>();
            }
            catch (InvalidOperationException)
            {
                // Not a T at all ("--ops many"): System.CommandLine reports that itself; reading it here throws.
                return;
            }
            if (value is not null && !isValid(value)) result.AddError(error);
        });
        return option;
    }
}
