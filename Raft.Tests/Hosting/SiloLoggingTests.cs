using System.Collections;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Raft.Silo;
using Raft.Silo.Configuration;
using Raft.Silo.Hosting;

namespace Raft.Tests.Hosting;

/// <summary>
/// Proves the silo's log formats: <c>Raft:Logging</c> is <c>console</c> (single-line text) unless set to
/// <c>json</c> by key, flag or RAFT_ variable, and any other value stops start-up with one line; with
/// <c>json</c>, a peer's event is one JSON object on one line whose state carries PeerId, Term and Index as
/// numbers, and scopes are written. The JSON is produced by the very formatter and options the silo
/// configures, writing to a captured writer instead of stdout (the console itself is the process's, shared
/// by every test).
/// </summary>
public sealed class SiloLoggingTests
{
    private static SiloOptions Load(params string[] args)
    {
        var configuration = new ConfigurationBuilder();
        SiloConfigurationSources.Add(configuration, args);
        return SiloOptionsLoader.Load(configuration.Build());
    }

    [Fact]
    public void Logging_Default_IsTheSingleLineConsole()
    {
        Assert.Equal(LogFormats.Console, Load().Logging);

        var console = ConsoleOptions(LogFormats.Console, out var provider);
        using (provider)
        {
            Assert.Equal(ConsoleFormatterNames.Simple, console.FormatterName);
            Assert.True(provider.GetRequiredService<IOptionsMonitor<SimpleConsoleFormatterOptions>>().CurrentValue.SingleLine);
        }
    }

    [Fact]
    public void Logging_Json_ByFlagKeyOrVariable()
    {
        Assert.Equal(LogFormats.Json, Load("--Raft:Logging", "json").Logging);
        Assert.Equal(LogFormats.Json, Load("--Raft:Logging=json").Logging);
        var fromVariable = new ConfigurationBuilder().AddInMemoryCollection(SiloConfigurationSources.FromRaftEnvironment(new Hashtable { ["RAFT_LOGGING"] = "json" })).Build();
        Assert.Equal(LogFormats.Json, SiloOptionsLoader.Load(fromVariable).Logging);
    }

    [Fact]
    public void Logging_Bogus_StopsStartUpWithOneLine()
    {
        var refused = Assert.Throws<SiloOptionsException>(() => Load("--Raft:Logging=bogus"));

        Assert.Equal("Raft:Logging 'bogus' is not one of console, json", refused.Message);
        Assert.Throws<SiloOptionsException>(() => SiloApplication.Build(["--Raft:Logging", "JSON "]));
    }

    [Fact]
    public void Build_JsonFlag_SelectsTheJsonFormatter()
    {
        using var host = SiloApplication.Build(["--Raft:Logging", "json"]);

        Assert.Equal(ConsoleFormatterNames.Json, host.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);
    }

    [Fact]
    public void Json_PeerEvent_IsOneObjectPerLine_WithPeerTermAndIndexFields()
    {
        var console = ConsoleOptions(LogFormats.Json, out var provider);
        using (provider)
        {
            var formatter = provider.GetServices<ConsoleFormatter>().Single(f => f.Name == console.FormatterName);
            using var writer = new StringWriter();
            using (var factory = LoggerFactory.Create(logging => logging.AddProvider(new CapturedConsole(formatter, writer))))
            {
                var logger = factory.CreateLogger<LoggingPeerObserver>();
                using (logger.BeginScope("silo {Silo}", "silo-2"))
                {
                    new LoggingPeerObserver(logger).OnBecameLeader(peerId: 2, term: 7, lastIndex: 42);
                }
            }

            var line = Assert.Single(writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            Assert.Equal("Information", root.GetProperty("LogLevel").GetString());
            Assert.Equal(typeof(LoggingPeerObserver).FullName, root.GetProperty("Category").GetString());
            Assert.Equal("term 7: leader elected: peer 2, last index 42", root.GetProperty("Message").GetString());
            Assert.EndsWith("Z", root.GetProperty("Timestamp").GetString(), StringComparison.Ordinal);
            var state = root.GetProperty("State");
            Assert.Equal(2, state.GetProperty("PeerId").GetInt32());
            Assert.Equal(7, state.GetProperty("Term").GetInt64());
            Assert.Equal(42, state.GetProperty("Index").GetInt64());
            Assert.Equal("silo-2", root.GetProperty("Scopes")[0].GetProperty("Silo").GetString());
        }
    }

    /// <summary>The console logger's options as <see cref="SiloApplication.ConfigureLogging"/> sets them for <paramref name="format"/>.</summary>
    private static ConsoleLoggerOptions ConsoleOptions(string format, out ServiceProvider provider)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => SiloApplication.ConfigureLogging(logging, format));
        provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;
    }

    /// <summary>A console logger that writes through a given formatter to a writer, synchronously.</summary>
    private sealed class CapturedConsole(ConsoleFormatter formatter, TextWriter writer) : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Logger(CapturedConsole console, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => console._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (console) console.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter));
            }
        }

        private void Write<TState>(in LogEntry<TState> entry) => formatter.Write(entry, _scopes, writer);
    }
}
