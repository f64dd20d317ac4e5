using Microsoft.Playwright;

namespace Raft.Tests.Dashboard;

/// <summary>
/// One headless Chromium for a test class, driven by Playwright. It is Debian's <c>/usr/bin/chromium</c>
/// (test.sh installs it when missing; <c>RAFT_TEST_CHROMIUM</c> names another), since Playwright cannot
/// download its own browser here. Missing, the tests fail with that message; they never skip.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string DefaultExecutable = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots go for people to look at: the test output folder's <c>screenshots</c>.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async ValueTask InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("RAFT_TEST_CHROMIUM") is { Length: > 0 } named ? named : DefaultExecutable;
        Assert.True(File.Exists(executable), $"{executable} is missing: run the tests through ./test.sh, which installs Debian's chromium");
        Directory.CreateDirectory(ScreenshotDirectory);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            // Tests run as root in a container, where Chromium's sandbox cannot start.
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
