using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Bottle.Sidecars.Egress;
using Bottle.Sidecars.Audit;
using Bottle.Sidecars.Net;
using Bottle.Sidecars.Policy;
using Bottle.Tests.Integration.Egress;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bottle.EgressBench;

/// <summary>
/// The cost of the pipelock -> egress hop. Both sides use the same keep-alive wire client (buffered, one
/// connection reused across operations): "Direct" speaks TLS straight to a local Kestrel API; "ViaEgress"
/// sends the absolute-form request in clear to egress (from pipelock's address), which resolves the name,
/// re-checks policy, scans for placeholders and forwards over its own pooled, validated TLS connection.
/// Everything is on loopback.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
// BenchmarkDotNet owns the lifetime: [GlobalCleanup] disposes what [GlobalSetup] created.
#pragma warning disable CA1001
public class EgressHopBenchmarks
#pragma warning restore CA1001
{
    private const int BulkBytes = 8 * 1024 * 1024;
    private static readonly IPAddress ApiAddress = IPAddress.Parse("127.0.0.40");
    private static readonly IPAddress PipelockAddress = IPAddress.Parse("127.0.0.2");

    private TestCertificateAuthority ca = null!;
    private string caFile = null!;
    private TestUpstream api = null!;
    private EgressServer egress = null!;
    private Stream direct = null!;
    private Stream viaEgress = null!;
    private byte[] directSmall = null!;
    private byte[] egressSmall = null!;
    private byte[] directBulk = null!;
    private byte[] egressBulk = null!;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = "small GET, direct TLS")]
    [BenchmarkCategory("small")]
    public Task<RawResponse> SmallDirect() => RoundTripAsync(direct, directSmall);

    [Benchmark(Description = "small GET, via egress")]
    [BenchmarkCategory("small")]
    public Task<RawResponse> SmallViaEgress() => RoundTripAsync(viaEgress, egressSmall);

    [Benchmark(Baseline = true, Description = "8 MiB GET, direct TLS")]
    [BenchmarkCategory("bulk")]
    public Task<RawResponse> BulkDirect() => RoundTripAsync(direct, directBulk);

    [Benchmark(Description = "8 MiB GET, via egress")]
    [BenchmarkCategory("bulk")]
    public Task<RawResponse> BulkViaEgress() => RoundTripAsync(viaEgress, egressBulk);

    private static async Task<RawResponse> RoundTripAsync(Stream stream, byte[] request)
    {
        await stream.WriteAsync(request);
        await stream.FlushAsync();
        var response = await RawHttpExchange.ReadResponseAsync(stream, CancellationToken.None);
        return response.Status == 200 ? response : throw new InvalidOperationException($"status {response.Status}: {response.Body}");
    }

    private async Task SetupAsync()
    {
        ca = new TestCertificateAuthority("Bottle Bench CA");
        caFile = ca.WritePemFile();
        api = await TestUpstream.StartAsync(ApiAddress, new Dictionary<string, X509Certificate2> { ["api.bench"] = ca.IssueServer("api.bench") });
        var options = new EgressOptions
        {
            Listen = new IPEndPoint(IPAddress.Loopback, 0),
            PipelockSources = [PipelockAddress],
            Rules =
            [
                new EgressRule(HostPattern.Parse("api.bench"), null, [api.Port], [], [], null),
                // Loopback stands in for the internet here; a manifest would never name it.
                new EgressRule(null, IPNetwork.Parse("127.0.0.0/8"), [1], [], [], null),
            ],
            ExtraCaFile = caFile,
        };
        var resolver = new StaticHostResolver(new Dictionary<string, IPAddress[]> { ["api.bench"] = [ApiAddress] });
        egress = new EgressServer(options, resolver, new TcpSocketConnector(), new NullAuditSink(), TimeProvider.System, NullLoggerFactory.Instance);
        await egress.StartAsync(CancellationToken.None);

        var directSocket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await directSocket.ConnectAsync(new IPEndPoint(ApiAddress, api.Port));
        var ssl = new SslStream(new NetworkStream(directSocket, ownsSocket: true));
        using var trust = X509Certificate2.CreateFromPem(ca.CertificatePem);
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "api.bench",
            RemoteCertificateValidationCallback = (_, certificate, chain, errors) => errors == SslPolicyErrors.None || ValidatesAgainst(trust, certificate),
        });
        direct = new BufferedStream(ssl, 64 * 1024);

        var egressSocket = await RawHttpExchange.ConnectFromAsync(PipelockAddress, egress.LocalEndPoint!, CancellationToken.None);
        egressSocket.NoDelay = true;
        viaEgress = new BufferedStream(new NetworkStream(egressSocket, ownsSocket: true), 64 * 1024);

        var authority = $"api.bench:{api.Port}";
        directSmall = Encoding.Latin1.GetBytes($"GET /v1/models HTTP/1.1\r\nHost: {authority}\r\n\r\n");
        egressSmall = Encoding.Latin1.GetBytes($"GET https://{authority}/v1/models HTTP/1.1\r\nHost: {authority}\r\n\r\n");
        directBulk = Encoding.Latin1.GetBytes($"GET /bulk/{BulkBytes} HTTP/1.1\r\nHost: {authority}\r\n\r\n");
        egressBulk = Encoding.Latin1.GetBytes($"GET https://{authority}/bulk/{BulkBytes} HTTP/1.1\r\nHost: {authority}\r\n\r\n");
    }

    private static bool ValidatesAgainst(X509Certificate2 root, X509Certificate? certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return certificate is X509Certificate2 leaf && chain.Build(leaf);
    }

    private async Task CleanupAsync()
    {
        await direct.DisposeAsync();
        await viaEgress.DisposeAsync();
        await egress.DisposeAsync();
        await api.DisposeAsync();
        ca.Dispose();
        File.Delete(caFile);
    }

    private sealed class NullAuditSink : IAuditSink
    {
        public void Write(AuditEvent auditEvent)
        {
        }
    }
}
