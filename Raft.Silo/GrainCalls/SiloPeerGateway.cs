using System.Net.Http.Json;
using Raft.Core.Node;
using Raft.Grains;
using Raft.Grains.Client;
using Raft.Grains.StateMachine;
using Raft.Silo.Configuration;
using Raft.Silo.Transport;

namespace Raft.Silo.GrainCalls;

/// <summary>
/// Grain references for the client grain: a peer hosted here is called in process; a peer on another
/// silo through that silo's /internal endpoints. Calls obey the same network faults as Raft traffic, so a
/// partitioned silo cannot reach the other side by the back door: a request needs both directions.
/// </summary>
public sealed class SiloPeerGateway : IPeerGateway, IDisposable
{
    private static readonly TimeSpan StatusTimeout = TimeSpan.FromSeconds(2);
    private readonly SiloOptions _options;
    private readonly LocalPeerCalls _local;
    private readonly ITransportFaults? _faults;
    private readonly HttpClient _http;

    public SiloPeerGateway(SiloOptions options, LocalPeerCalls local, ITransportFaults? faults)
    {
        _options = options;
        _local = local;
        _faults = faults;
        // Long enough for a proposal to run into the peer's own propose timeout and answer with it.
        _http = new HttpClient { Timeout = TimeSpan.FromMilliseconds(options.Timing.ProposeTimeoutMs) + TimeSpan.FromSeconds(5) };
        AllPeers = options.GroupPeerIds();
        LocalPeers = options.FindSelf().PeerIds.Order().ToArray();
    }

    public IReadOnlyList<int> AllPeers { get; }

    public IReadOnlyList<int> LocalPeers { get; }

    public string? ClientAddressOf(int peerId) => _options.FindHostOf(peerId)?.ClientUrl;

    public string SiloOf(int peerId) => _options.FindHostOf(peerId)?.Name ?? "?";

    public async Task<ProposeReply> ProposeAsync(int peerId, byte[] command, CancellationToken cancellationToken)
    {
        if (LocalPeers.Contains(peerId)) return await _local.ProposeAsync(peerId, command, cancellationToken).ConfigureAwait(false);
        using var content = new ByteArrayContent(command);
        var dto = await CallAsync<ProposeReplyDto>(peerId, GrainCallRoutes.ProposeOf(peerId), content, null, cancellationToken).ConfigureAwait(false);
        return new ProposeReply((ProposeStatus)dto.Status, dto.Index, dto.Term, dto.LeaderHint, Convert.FromBase64String(dto.Result));
    }

    public async Task<ReadReply<CommandResult>> ReadAsync(int peerId, ReadQuery query, bool linearizable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (LocalPeers.Contains(peerId)) return await _local.ReadAsync(peerId, query, linearizable, cancellationToken).ConfigureAwait(false);
        var request = query switch
        {
            ReadQuery.Key key => new ReadRequestDto("key", key.Name, linearizable),
            _ => new ReadRequestDto("topics", null, linearizable),
        };
        using var content = JsonContent.Create(request);
        var dto = await CallAsync<ReadReplyDto>(peerId, GrainCallRoutes.ReadOf(peerId), content, null, cancellationToken).ConfigureAwait(false);
        var value = dto.Result is null ? null : ResultCodec.Decode(Convert.FromBase64String(dto.Result));
        return new ReadReply<CommandResult>((ReadStatus)dto.Status, value, dto.LeaderHint);
    }

    public async Task<PeerStatus?> GetStatusAsync(int peerId, CancellationToken cancellationToken)
    {
        try
        {
            if (LocalPeers.Contains(peerId)) return await _local.GetStatusAsync(peerId).ConfigureAwait(false);
            return await CallAsync<PeerStatus>(peerId, GrainCallRoutes.StatusOf(peerId), null, StatusTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (PeerUnreachableException)
        {
            return null;
        }
    }

    private async Task<T> CallAsync<T>(int peerId, string path, HttpContent? body, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var host = _options.FindHostOf(peerId) ?? throw new PeerUnreachableException(peerId, "no member hosts it");
        if (_faults is not null && (_faults.IsBlocked(_options.Name, host.Name) || _faults.IsBlocked(host.Name, _options.Name)))
            throw new PeerUnreachableException(peerId, $"the network between {_options.Name} and {host.Name} is cut");
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout is { } limit) timeoutSource.CancelAfter(limit);
        try
        {
            var uri = new Uri(new Uri(host.ClientUrl), path);
            using var response = body is null
                ? await _http.GetAsync(uri, timeoutSource.Token).ConfigureAwait(false)
                : await _http.PostAsync(uri, body, timeoutSource.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode) throw new PeerUnreachableException(peerId, $"{host.Name} answered {(int)response.StatusCode}");
            return await response.Content.ReadFromJsonAsync<T>(timeoutSource.Token).ConfigureAwait(false)
                ?? throw new PeerUnreachableException(peerId, $"{host.Name} answered nothing");
        }
        catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new PeerUnreachableException(peerId, e.Message, e);
        }
    }

    public void Dispose() => _http.Dispose();
}
