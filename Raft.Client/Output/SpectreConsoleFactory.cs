using Spectre.Console;

namespace Raft.Client.Output;

/// <summary>Spectre consoles over the console's writers, never the global <see cref="AnsiConsole"/>, so tests capture them.</summary>
internal static class SpectreConsoleFactory
{
    // Wide enough for eight columns with full URLs, so a redirected table is not wrapped mid-address.
    private const int RedirectedWidth = 160;

    public static IAnsiConsole Create(TextWriter writer, bool interactive)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        if (!interactive) console.Profile.Width = RedirectedWidth;
        return console;
    }
}
