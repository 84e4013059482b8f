using System.Security.Cryptography.X509Certificates;
using Bottle.Tests.Integration.Egress;
using Bottle.Tests.Integration.Infrastructure;

namespace Bottle.Tests.EndToEnd;

/// <summary>
/// The "outside" of an end-to-end test: a real HTTPS server (a <see cref="TestUpstreamImage"/>, by default
/// <c>openssl s_server -www</c>) with a certificate from a throwaway test CA, on a network of its own that only the
/// bottle's egress is connected to, answering to test host names through Docker's DNS aliases. What the server
/// records lands in <see cref="RecordsDirectory"/>. Nothing here is a real outside address.
/// </summary>
internal sealed class TestHttpsUpstream : IAsyncDisposable
{
    private readonly TestContainers containers = new();
    private readonly TestCertificateAuthority authority = new("Bottle End-to-End Test CA");

    private TestHttpsUpstream(string directory) => Directory = directory;

    /// <summary>Holds the certificates (and <see cref="CaFile"/>, the manifest's <c>egress.extraCa</c>).</summary>
    public string Directory { get; }

    public string CaFile => Path.Combine(Directory, "ca.pem");

    /// <summary>Mounted read-write at <c>/records</c> in the server: where it writes what it received.</summary>
    public string RecordsDirectory => Path.Combine(Directory, "records");

    public string Network { get; private set; } = string.Empty;

    public string Subnet { get; private set; } = string.Empty;

    public string Container { get; private set; } = string.Empty;

    /// <summary>Starts <c>openssl s_server -www</c> for <paramref name="hostNames"/>.</summary>
    public static Task<TestHttpsUpstream> StartAsync(params string[] hostNames) => StartAsync(TestUpstreamImage.OpenSslWww, hostNames);

    /// <summary>Builds <paramref name="image"/> once, creates the network and starts the server for <paramref name="hostNames"/>.</summary>
    public static async Task<TestHttpsUpstream> StartAsync(TestUpstreamImage image, params string[] hostNames)
    {
        ArgumentNullException.ThrowIfNull(image);
        await BaseImage.RequireAsync();
        var upstream = new TestHttpsUpstream(System.IO.Directory.CreateTempSubdirectory("bottle-e2e-upstream-").FullName);
        try
        {
            await upstream.StartCoreAsync(image, hostNames);
            return upstream;
        }
        catch
        {
            await upstream.DisposeAsync();
            throw;
        }
    }

    /// <summary>Connects <paramref name="container"/> (the bottle's egress) to the upstream's network.</summary>
    public async Task ConnectAsync(string container) =>
        (await DockerCommand.RunAsync("network", "connect", Network, container)).EnsureSuccess($"docker network connect {Network} {container}");

    public async ValueTask DisposeAsync()
    {
        await containers.DisposeAsync();
        if (Network.Length > 0)
        {
            await DockerCommand.RunAsync("network", "rm", Network);
        }

        authority.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private async Task StartCoreAsync(TestUpstreamImage image, string[] hostNames)
    {
        await image.EnsureBuiltAsync(Path.Combine(Directory, "image"));
        System.IO.Directory.CreateDirectory(RecordsDirectory);

        using var server = authority.IssueServer(hostNames);
        var certs = System.IO.Directory.CreateDirectory(Path.Combine(Directory, "certs")).FullName;
        await File.WriteAllTextAsync(Path.Combine(certs, "server.pem"), server.ExportCertificatePem());
        await File.WriteAllTextAsync(Path.Combine(certs, "server.key"), server.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        await File.WriteAllTextAsync(CaFile, authority.CertificatePem);

        var network = await OutsideNetwork.CreateAsync();
        (Network, Subnet) = (network.Name, network.Subnet);
        Container = containers.NewName("https");
        List<string> run = ["run", "-d", "--name", Container, "--network", Network, "--label", $"{TestContainers.LabelName}={TestContainers.RunId}", "-v", $"{certs}:/certs:ro", "-v", $"{RecordsDirectory}:/records"];
        foreach (var host in hostNames)
        {
            run.AddRange(["--network-alias", host]);
        }

        (await DockerCommand.RunAsync([.. run, image.Tag], CancellationToken.None)).EnsureSuccess($"docker run the test upstream {image.Tag}");
    }
}
