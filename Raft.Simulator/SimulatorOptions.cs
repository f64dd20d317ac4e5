using System.Globalization;

namespace Raft.Simulator;

/// <summary>The simulator's command line: small enough to parse by hand, strict about what it accepts.</summary>
internal sealed record SimulatorOptions
{
    public const string Usage = "usage: Raft.Simulator [--seeds N] [--start S] [--seed S] [--trace] [--peers 3|5|7]";

    public int Seeds { get; init; } = 100;
    public ulong Start { get; init; } = 1;
    public ulong? Seed { get; init; }
    public bool Trace { get; init; }
    public int? Peers { get; init; }
    public string? Error { get; init; }

    public static SimulatorOptions Parse(string[] args)
    {
        var options = new SimulatorOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string? Value() => i + 1 < args.Length ? args[++i] : null;
            switch (args[i])
            {
                case "--seeds" when int.TryParse(Value(), CultureInfo.InvariantCulture, out var n) && n > 0:
                    options = options with { Seeds = n };
                    break;
                case "--start" when ulong.TryParse(Value(), CultureInfo.InvariantCulture, out var s):
                    options = options with { Start = s };
                    break;
                case "--seed" when ulong.TryParse(Value(), CultureInfo.InvariantCulture, out var s):
                    options = options with { Seed = s };
                    break;
                case "--peers" when int.TryParse(Value(), CultureInfo.InvariantCulture, out var p) && p is >= 1 and <= 15:
                    options = options with { Peers = p };
                    break;
                case "--trace":
                    options = options with { Trace = true };
                    break;
                default:
                    return options with { Error = $"bad or incomplete argument '{args[i]}'" };
            }
        }
        if (options.Trace && options.Seed is null) return options with { Error = "--trace replays one seed: give --seed S" };
        return options;
    }
}
