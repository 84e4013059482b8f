using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Bottle.Sidecars.Configuration;
using Bottle.Sidecars.Pipelock;
using Bottle.Sidecars.Policy;
using Bottle.Sidecars.Proxy;
using Bottle.Sidecars.Tls;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bottle.Tests.Integration.Pipelock;

/// <summary>
/// A pipelock started in-process on 127.0.0.1:0 with a fresh bottle CA and a config file (the <see cref="PipelockConfig"/> contract), in front of a
/// <see cref="TestUpstream"/> that the names <c>api.test.local</c> and <c>other.test.local</c> resolve to
/// (through the direct connector's override; nothing leaves loopback).
/// </summary>
internal sealed class PipelockTestEnvironment : IAsyncDisposable
{
    public const string Host = "api.test.local";
    public const string OtherHost = "other.test.local";

    /// <summary>A name that resolves to a closed loopback port: allowed by some policies, never answering.</summary>
    public const string DownHost = "down.test.local";

    /// <summary>api.test.local on 443: GET and POST under /v1/ only.</summary>
    public static IReadOnlyList<EgressRule> DefaultPolicy { get; } = [TestRules.Host(Host, [443], ["GET", "POST"], ["/v1/"])];

    private readonly DirectUpstreamConnector _connector;

    private PipelockTestEnvironment(string directory, TestUpstream upstream, PipelockServer server, DirectUpstreamConnector connector, X509Certificate2 bottleCa)
    {
        Directory = directory;
        Upstream = upstream;
        Server = server;
        _connector = connector;
        BottleCa = bottleCa;
    }

    public string Directory { get; }

    public string ConfigPath => Path.Combine(Directory, "pipelock.yaml");

    public string AuditPath => Path.Combine(Directory, "audit.jsonl");

    public string CaPemPath => Path.Combine(Directory, "bottle", CertificateAuthority.CertificateFileName);

    public TestUpstream Upstream { get; }

    public PipelockServer Server { get; }

    public X509Certificate2 BottleCa { get; }

    public Uri ProxyUri => new($"http://127.0.0.1:{Server.EndPoint.Port}");

    public static async Task<PipelockTestEnvironment> StartAsync(
        IReadOnlyList<EgressRule>? rules = null, IRequestInspector? inspector = null, DlpSettings? dlp = null, IReadOnlyList<PlaceholderBinding>? placeholders = null, ProxyLimits? limits = null)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("pipelock-test-").FullName;
        var upstream = await TestUpstream.StartAsync(Path.Combine(directory, "upstream"), Host, OtherHost);
        using (CertificateAuthority.Create(Path.Combine(directory, "bottle"), TimeProvider.System))
        {
        }

        var config = CreateConfig(directory, rules ?? DefaultPolicy, dlp, placeholders);
        File.WriteAllText(Path.Combine(directory, "pipelock.yaml"), SidecarConfigJson.Serialize(config));
        var target = new IPEndPoint(IPAddress.Loopback, upstream.Port);
        var connector = new DirectUpstreamConnector(new DirectUpstreamOptions
        {
            ExtraTrustedCa = upstream.Ca.Certificate,
            HostOverrides = new Dictionary<string, IPEndPoint>(StringComparer.OrdinalIgnoreCase) { [Host] = target, [OtherHost] = target, [DownHost] = new IPEndPoint(IPAddress.Loopback, 1) },
        });
        var server = new PipelockServer(
            new PipelockOptions
            {
                ListenEndPoint = new IPEndPoint(IPAddress.Loopback, 0),
                ConfigPath = Path.Combine(directory, "pipelock.yaml"),
                CaCertificatePath = config.CaCertificatePath,
                CaKeyPath = config.CaKeyPath,
                AuditPath = Path.Combine(directory, "audit.jsonl"),
                AuditToStdout = false,
                Limits = limits ?? ProxyLimits.Default,
            },
            connector,
            inspector ?? PassThroughInspector.Instance,
            NullLoggerFactory.Instance);
        await server.StartAsync(CancellationToken.None);
        var bottleCa = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(directory, "bottle", CertificateAuthority.CertificateFileName));
        return new PipelockTestEnvironment(directory, upstream, server, connector, bottleCa) { Config = config };
    }

    /// <summary>The config pipelock was started with.</summary>
    public PipelockConfig Config { get; private init; } = null!;

    /// <summary>A pipelock config for a test in <paramref name="directory"/> (listen addresses unused: tests bind 127.0.0.1:0).</summary>
    public static PipelockConfig CreateConfig(string directory, IReadOnlyList<EgressRule> rules, DlpSettings? dlp = null, IReadOnlyList<PlaceholderBinding>? placeholders = null) =>
        new(
            new ListenEndpoint("127.0.0.1", 0),
            new ListenEndpoint("127.0.0.1", 0),
            "direct",
            rules,
            dlp ?? DlpSettings.Default,
            placeholders ?? [],
            Path.Combine(directory, "bottle", CertificateAuthority.CertificateFileName),
            Path.Combine(directory, "bottle", CertificateAuthority.KeyFileName),
            Path.Combine(directory, "audit.jsonl"));

    /// <summary>An HttpClient that uses pipelock as its proxy and trusts only the bottle CA (as the agent does).</summary>
    public HttpClient CreateClient(Action<SocketsHttpHandler>? configure = null)
    {
        var handler = new SocketsHttpHandler
        {
            Proxy = new WebProxy(ProxyUri),
            UseProxy = true,
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = TrustsBottleCa },
        };
        configure?.Invoke(handler);
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>Validates a server certificate against the bottle CA alone, name check included.</summary>
    public bool TrustsBottleCa(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        TrustsOnly(BottleCa, certificate, errors);

    /// <summary>Validates a server certificate against <paramref name="ca"/> alone, name check included.</summary>
    public static bool TrustsOnly(X509Certificate2 ca, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != 0)
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.Add(ca);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return custom.Build((X509Certificate2)certificate);
    }

    /// <summary>Replaces the config's rules atomically (temp + rename), as <c>apply</c> does.</summary>
    public void WritePolicy(IReadOnlyList<EgressRule> rules) => WriteConfigText(SidecarConfigJson.Serialize(Config with { Rules = rules }));

    /// <summary>Replaces the config file with <paramref name="text"/> atomically (broken files included).</summary>
    public void WriteConfigText(string text)
    {
        var temp = ConfigPath + ".tmp";
        File.WriteAllText(temp, text);
        File.Move(temp, ConfigPath, overwrite: true);
    }

    /// <summary>Stops the server (flushing the audit log) and returns the audit lines.</summary>
    public async Task<string[]> StopAndReadAuditAsync()
    {
        await Server.StopAsync(CancellationToken.None);
        return await File.ReadAllLinesAsync(AuditPath);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _connector.Dispose();
        await Upstream.DisposeAsync();
        BottleCa.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
