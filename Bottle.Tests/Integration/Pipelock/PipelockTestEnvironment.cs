using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Bottle.Sidecars.Pipelock;
using Bottle.Sidecars.Proxy;
using Bottle.Sidecars.Tls;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bottle.Tests.Integration.Pipelock;

/// <summary>
/// A pipelock started in-process on 127.0.0.1:0 with a fresh bottle CA and a policy file, in front of a
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
    public const string DefaultPolicy = """
        allow:
          - host: api.test.local
            ports: [443]
            methods: [GET, POST]
            paths: [/v1/]
        """;

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

    public static async Task<PipelockTestEnvironment> StartAsync(string policyYaml = DefaultPolicy, IRequestInspector? inspector = null)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("pipelock-test-").FullName;
        var upstream = await TestUpstream.StartAsync(Path.Combine(directory, "upstream"), Host, OtherHost);
        using (CertificateAuthority.Create(Path.Combine(directory, "bottle"), TimeProvider.System))
        {
        }

        File.WriteAllText(Path.Combine(directory, "pipelock.yaml"), policyYaml);
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
                CaDirectory = Path.Combine(directory, "bottle"),
                AuditPath = Path.Combine(directory, "audit.jsonl"),
                AuditToStdout = false,
            },
            connector,
            inspector ?? PassThroughInspector.Instance,
            NullLoggerFactory.Instance);
        await server.StartAsync(CancellationToken.None);
        var bottleCa = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(directory, "bottle", CertificateAuthority.CertificateFileName));
        return new PipelockTestEnvironment(directory, upstream, server, connector, bottleCa);
    }

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
    public bool TrustsBottleCa(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != 0)
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.Add(BottleCa);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return custom.Build((X509Certificate2)certificate);
    }

    /// <summary>Replaces the policy file atomically (temp + rename), as <c>apply</c> does.</summary>
    public void WritePolicy(string yaml)
    {
        var temp = ConfigPath + ".tmp";
        File.WriteAllText(temp, yaml);
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
