using Microsoft.Playwright;
using Raft.TestCluster;
using Raft.Tests.Integration;

namespace Raft.Tests.Dashboard;

/// <summary>
/// The Raft dashboard in a real browser (headless Chromium) against a real 3-silo cluster: the page shows
/// what the group does without being reloaded, and its controls work only where the flag is on. Each test
/// saves a screenshot under the test output's <c>screenshots</c> folder.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class DashboardBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    // Bounded waits on what the page shows: a silo is declared dead after missed probes, then the next frame shows it.
    private static readonly LocatorAssertionsToHaveCountOptions Count = new() { Timeout = 30_000 };
    private static readonly LocatorAssertionsToHaveAttributeOptions Attribute = new() { Timeout = 30_000 };
    private static readonly LocatorAssertionsToContainTextOptions Text = new() { Timeout = 30_000 };

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static string Shot(string name) => Path.Combine(ChromiumFixture.ScreenshotDirectory, name);

    [Fact]
    public async Task Page_ShowsThePeersAndTheLeader_ThenTheNewLeaderAndTheDeadSilo_WithoutAReload()
    {
        await using var cluster = await ClusterFixture.StartAsync(3);
        var (leaderSilo, leader) = await cluster.WaitForLeaderAsync();
        var watcher = cluster.Silos.First(s => s != leaderSilo);
        await PutLoad.WriteAsync(watcher, count: 30, keys: 5, concurrency: 4, cancellationToken: TestContext.Current.CancellationToken);

        var page = await chromium.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var loads = 0;
        page.Load += (_, _) => loads++;
        await page.GotoAsync(watcher.ClientUrl + "/dashboard/");

        await Expect(page.Locator(".card[data-peer]")).ToHaveCountAsync(3, Count);
        await Expect(page.Locator(".card[data-role='Leader']")).ToHaveCountAsync(1, Count);
        await Expect(page.Locator($".card[data-peer='{leader.Id}']")).ToHaveAttributeAsync("data-role", "Leader", Attribute);
        await Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-state", "live", Attribute);
        await Expect(page.Locator("#logs tbody tr")).ToHaveCountAsync(3, Count);
        await Expect(page.Locator("#logs td.committed").First).ToBeVisibleAsync();
        // Read-only without the flag: no controls on the page.
        await Expect(page.Locator("#controls")).ToBeHiddenAsync();
        await Expect(page.Locator(".card .buttons").First).ToBeHiddenAsync();

        // Under writes the page shows throughput and commit latency from the leader.
        var load = PutLoad.WriteAsync(watcher, count: 600, keys: 20, concurrency: 4, cancellationToken: TestContext.Current.CancellationToken);
        await Expect(page.Locator("#commits")).Not.ToHaveTextAsync("0.0", new() { Timeout = 30_000 });
        await Expect(page.Locator("#p99")).Not.ToHaveTextAsync("–", new() { Timeout = 30_000 });
        await page.ScreenshotAsync(new() { Path = Shot("raft-dashboard.png"), FullPage = true });
        await load;

        await cluster.KillSiloAsync(leaderSilo);
        var oldCard = page.Locator($".card[data-peer='{leader.Id}']");
        await Expect(oldCard).ToHaveAttributeAsync("data-silo-up", "false", Attribute);
        await Expect(page.Locator($".card[data-role='Leader']:not([data-peer='{leader.Id}'])")).ToHaveCountAsync(1, Count);
        await Expect(page.Locator("#events")).ToContainTextAsync($"silo {leaderSilo.Name} is dead", Text);
        var newLeader = await page.Locator(".card[data-role='Leader']").GetAttributeAsync("data-peer");
        await Expect(page.Locator("#leader")).ToHaveTextAsync($"peer {newLeader}", new() { Timeout = 30_000 });
        await page.ScreenshotAsync(new() { Path = Shot("raft-dashboard-after-kill.png"), FullPage = true });
        Assert.Equal(1, loads);
    }

    [Fact]
    public async Task Controls_PutAndGet_PauseAndResume_TransferLeadership_FromThePage()
    {
        await using var cluster = await ClusterFixture.StartAsync(3, options: new TestClusterOptions
        {
            Settings = new Dictionary<string, string?> { ["Raft:Dashboard:Controls"] = "true" },
        });
        var (_, leader) = await cluster.WaitForLeaderAsync();
        var page = await chromium.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        await page.GotoAsync(cluster.Silo(0).ClientUrl + "/dashboard/");
        await Expect(page.Locator("#controls")).ToBeVisibleAsync(new() { Timeout = 30_000 });

        await page.FillAsync("#put-key", "greeting");
        await page.FillAsync("#put-value", "hello from the page");
        await page.ClickAsync("#put-form button");
        await Expect(page.Locator("#control-result")).ToContainTextAsync("→ 200", Text);
        await page.FillAsync("#get-key", "greeting");
        await page.ClickAsync("#get-form button");
        await Expect(page.Locator("#control-result")).ToContainTextAsync("hello from the page", Text);

        var card = page.Locator($".card[data-peer='{leader.Id}']");
        await card.Locator("button.pause").ClickAsync();
        await Expect(card).ToHaveAttributeAsync("data-paused", "true", Attribute);
        await Expect(page.Locator($".card[data-role='Leader']:not([data-peer='{leader.Id}'])")).ToHaveCountAsync(1, Count);
        await card.Locator("button.pause").ClickAsync();
        await Expect(card).ToHaveAttributeAsync("data-paused", "false", Attribute);
        await Expect(card).ToHaveAttributeAsync("data-role", "Follower", Attribute);

        // "Make leader" retries are the user's: a transfer right after an election may be refused (leader-not-ready).
        for (var attempt = 0; attempt < 20 && await card.GetAttributeAsync("data-role") != "Leader"; attempt++)
        {
            await card.Locator("button.lead").ClickAsync();
            await Expect(page.Locator("#control-result")).ToContainTextAsync("control/leader →", Text);
            try
            {
                await Expect(card).ToHaveAttributeAsync("data-role", "Leader", new() { Timeout = 2_000 });
            }
            catch (PlaywrightException)
            {
                // Not yet; try again.
            }
        }
        await Expect(card).ToHaveAttributeAsync("data-role", "Leader", Attribute);
        await page.ScreenshotAsync(new() { Path = Shot("raft-dashboard-controls.png"), FullPage = true });
    }

    [Fact]
    public async Task Page_FitsAPhone_AndServesTheOrleansDashboardBeside()
    {
        await using var cluster = await ClusterFixture.StartAsync(3, options: new TestClusterOptions { OrleansDashboard = true });
        await cluster.WaitForLeaderAsync();
        var phone = await chromium.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        await phone.GotoAsync(cluster.Silo(0).ClientUrl + "/dashboard/");
        await Expect(phone.Locator(".card[data-role='Leader']")).ToHaveCountAsync(1, Count);
        // Readable means no sideways scrolling of the page itself; the wide log table scrolls in its own box.
        var overflow = await phone.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the page is {overflow} px wider than a phone");
        await phone.ScreenshotAsync(new() { Path = Shot("raft-dashboard-phone.png"), FullPage = true });

        var orleans = await chromium.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        await orleans.GotoAsync(cluster.Silo(0).ClientUrl + "/orleans/");
        await Expect(orleans.Locator("body")).ToContainTextAsync("Silo", Text);
        await orleans.ScreenshotAsync(new() { Path = Shot("orleans-dashboard.png"), FullPage = true });
    }
}
