using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Bottle.Sidecars.Egress.Audit;
using Bottle.Sidecars.Net;

namespace Bottle.Tests.Integration.Egress;

/// <summary>
/// Attacks on where egress connects: names that resolve to forbidden addresses, DNS rebinding, mapped forms,
/// the bottle's own subnet, SSH tunnels from the wrong source. Every listener is on loopback; "public" answers
/// are fake addresses that a recording connector routes to a loopback stand-in, so no packet leaves the host.
/// </summary>
[TestClass]
public sealed class EgressAddressGuardTests
{
    private static readonly IPAddress FakePublic = IPAddress.Parse("11.22.33.44");
    private static readonly IPAddress PublicStandIn = IPAddress.Parse("127.0.0.30");
    private static readonly IPAddress PrivateAddress = IPAddress.Parse("127.0.0.31");

    [TestMethod]
    public async Task A_name_that_resolves_to_a_forbidden_address_is_refused_even_though_its_rule_allows_it()
    {
        await using var secret = new CountingListener(PrivateAddress);
        var resolver = new StaticHostResolver(new Dictionary<string, IPAddress[]> { ["internal.test"] = [PrivateAddress] });
        await using var egress = await EgressHarness.StartAsync(
            EgressHarness.Options([EgressHarness.Rule("internal.test", secret.Port)]), resolver);

        var response = await RawHttpExchange.SendAsync(EgressHarness.Pipelock, egress.EndPoint,
            $"GET https://internal.test:{secret.Port}/ HTTP/1.1\r\nHost: internal.test:{secret.Port}\r\n\r\n");
        var tunnel = await RawHttpExchange.SendAsync(EgressHarness.Pipelock, egress.EndPoint,
            $"CONNECT internal.test:{secret.Port} HTTP/1.1\r\nHost: internal.test:{secret.Port}\r\n\r\n");

        Assert.AreEqual(403, response.Status, response.Body);
        Assert.AreEqual(403, tunnel.Status, tunnel.Body);
        Assert.AreEqual(0, secret.Accepted, "no connection may reach the forbidden address");
        Assert.AreEqual(2, egress.Audit.Events.Count(e => e.Category == EgressAuditCategories.ForbiddenAddress));
    }

    [TestMethod]
    public async Task A_rebinding_resolver_cannot_get_a_connection_to_the_private_address()
    {
        using var ca = new TestCertificateAuthority();
        var caFile = ca.WritePemFile();
        await using var publicSite = await TestUpstream.StartAsync(PublicStandIn, new Dictionary<string, X509Certificate2> { ["rebind.test"] = ca.IssueServer("rebind.test") });
        await using var secret = new CountingListener(PrivateAddress, publicSite.Port);
        var resolver = new RebindingResolver(FakePublic, PrivateAddress);
        var connector = new RoutingConnector(FakePublic, PublicStandIn);
        // The private listener shares the site's port, so only the address decides which one a dial would reach.
        await using var egress = await EgressHarness.StartAsync(
            EgressHarness.Options([EgressHarness.Rule("rebind.test", publicSite.Port)]) with { ExtraCaFile = caFile }, resolver, connector);

        var first = await RawHttpExchange.SendAsync(EgressHarness.Pipelock, egress.EndPoint,
            $"GET https://rebind.test:{publicSite.Port}/close HTTP/1.1\r\nHost: rebind.test:{publicSite.Port}\r\n\r\n");
        var second = await RawHttpExchange.SendAsync(EgressHarness.Pipelock, egress.EndPoint,
            $"GET https://rebind.test:{publicSite.Port}/v1/models HTTP/1.1\r\nHost: rebind.test:{publicSite.Port}\r\n\r\n");

        Assert.AreEqual(200, first.Status, first.Body);
        Assert.AreEqual(403, second.Status, second.Body);
        Assert.IsTrue(resolver.Lookups >= 2, "the second request must have resolved again (the pool dropped the first connection)");
        Assert.AreEqual(0, secret.Accepted);
        CollectionAssert.DoesNotContain(connector.Dialled.ToArray(), PrivateAddress, "the dialer never even tried the private address");
        CollectionAssert.Contains(connector.Dialled.ToArray(), FakePublic);
        File.Delete(caFile);
    }

    [TestMethod]
    public async Task Mapped_ipv6_answers_and_the_bottles_own_subnet_are_refused_even_under_an_explicit_cidr_rule()
    {
        await using var secret = new CountingListener(PrivateAddress);
        var resolver = new StaticHostResolver(new Dictionary<string, IPAddress[]>
        {
            ["mapped.test"] = [IPAddress.Parse("::ffff:127.0.0.31")],
            ["bottle.test"] = [PrivateAddress],
        });
        var options = EgressHarness.Options([EgressHarness.Rule("mapped.test", secret.Port), EgressHarness.Rule("bottle.test", secret.Port)]);
        await using (var egress = await EgressHarness.StartAsync(options, resolver))
        {
            var mapped = await RawHttpExchange.SendAsync(EgressHarness.Pipelock, egress.EndPoint,
                $"CONNECT mapped.test:{secret.Port} HTTP/1.1\r\nHost: mapped.test:{secret.Port}\r\n\r\n");
            Assert.AreEqual(403, mapped.Status, mapped.Body);
        }

        var withBottleSubnet = options with
        {
            Rules = [.. options.Rules, EgressHarness.LoopbackCidrRule],
            BottleSubnets = [IPNetwork.Parse("127.0.0.0/27")],
        };
        await using (var egress = await EgressHarness.StartAsync(withBottleSubnet, resolver))
        {
            var own = await RawHttpExchange.SendAsync(EgressHarness.Pipelock, egress.EndPoint,
                $"CONNECT bottle.test:{secret.Port} HTTP/1.1\r\nHost: bottle.test:{secret.Port}\r\n\r\n");
            Assert.AreEqual(403, own.Status, own.Body);
            StringAssert.Contains(own.Body, "own subnet");
        }

        Assert.AreEqual(0, secret.Accepted);
    }

    [TestMethod]
    public async Task Ssh_tunnels_are_for_git_gate_only_and_only_to_allowlisted_git_hosts()
    {
        await using var sshStandIn = new CountingListener(PrivateAddress);
        var resolver = new StaticHostResolver(new Dictionary<string, IPAddress[]>
        {
            ["git.test"] = [PrivateAddress],
            ["elsewhere.test"] = [PrivateAddress],
        });
        // Port 22 is the rule's; the stand-in listens on its own port, so the connector maps :22 to it.
        var connector = new RoutingConnector(PrivateAddress, PrivateAddress, fromPort: 22, toPort: sshStandIn.Port);
        await using var egress = await EgressHarness.StartAsync(
            EgressHarness.Options([EgressHarness.Rule("git.test", 22), EgressHarness.LoopbackCidrRule]), resolver, connector);

        var fromPipelock = await RawHttpExchange.SendAsync(EgressHarness.Pipelock, egress.EndPoint, "CONNECT git.test:22 HTTP/1.1\r\nHost: git.test:22\r\n\r\n");
        var notAllowlisted = await RawHttpExchange.SendAsync(EgressHarness.GitGate, egress.EndPoint, "CONNECT elsewhere.test:22 HTTP/1.1\r\nHost: elsewhere.test:22\r\n\r\n");
        Assert.AreEqual(403, fromPipelock.Status);
        Assert.AreEqual(403, notAllowlisted.Status);
        Assert.AreEqual(0, sshStandIn.Accepted);

        using var socket = await RawHttpExchange.ConnectFromAsync(EgressHarness.GitGate, egress.EndPoint, CancellationToken.None);
        await using var stream = new NetworkStream(socket);
        // The SSH banner rides in the same segment as the CONNECT head: egress must forward bytes it already buffered.
        await stream.WriteAsync("CONNECT git.test:22 HTTP/1.1\r\nHost: git.test:22\r\n\r\nSSH-2.0-OpenSSH_9.2\r\n"u8.ToArray());
        var established = await RawHttpExchange.ReadResponseAsync(stream, CancellationToken.None);
        Assert.AreEqual(200, established.Status);
        var echoed = new byte[21];
        await stream.ReadExactlyAsync(echoed);
        Assert.AreEqual("SSH-2.0-OpenSSH_9.2\r\n", System.Text.Encoding.ASCII.GetString(echoed));
        socket.Shutdown(SocketShutdown.Send);
        Assert.AreEqual(0, await stream.ReadAsync(new byte[1]), "the half-close travels both ways");
        var line = await egress.AuditForAsync(e => e.Host == "git.test" && e.Decision == "allow");
        Assert.AreEqual(21, line.BytesUp);
        Assert.AreEqual(21, line.BytesDown);
    }

    [TestMethod]
    public async Task An_upstream_certificate_from_an_untrusted_ca_is_refused()
    {
        using var ca = new TestCertificateAuthority("Untrusted Test CA");
        await using var site = await TestUpstream.StartAsync(PublicStandIn, new Dictionary<string, X509Certificate2> { ["mitm.test"] = ca.IssueServer("mitm.test") });
        var resolver = new StaticHostResolver(new Dictionary<string, IPAddress[]> { ["mitm.test"] = [PublicStandIn] });
        await using var egress = await EgressHarness.StartAsync(
            EgressHarness.Options([EgressHarness.Rule("mitm.test", site.Port), EgressHarness.LoopbackCidrRule]), resolver);

        var response = await RawHttpExchange.SendAsync(EgressHarness.Pipelock, egress.EndPoint,
            $"GET https://mitm.test:{site.Port}/v1/models HTTP/1.1\r\nHost: mitm.test:{site.Port}\r\n\r\n");

        Assert.AreEqual(502, response.Status, response.Body);
        StringAssert.Contains(response.Body, EgressAuditCategories.UpstreamTls);
        Assert.IsTrue(site.Requests.IsEmpty);
    }

    /// <summary>Answers the public address first and the private one ever after, counting lookups.</summary>
    private sealed class RebindingResolver(IPAddress first, IPAddress then) : IHostResolver
    {
        private int lookups;

        public int Lookups => Volatile.Read(ref lookups);

        public ValueTask<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<IPAddress>>(Interlocked.Increment(ref lookups) == 1 ? [first] : [then]);
    }

    /// <summary>
    /// Records every address the dialer asks for and routes one address (and optionally port) to a loopback
    /// stand-in; anything else non-loopback is refused here, so nothing is ever sent off the host.
    /// </summary>
    private sealed class RoutingConnector(IPAddress from, IPAddress to, int? fromPort = null, int? toPort = null) : ISocketConnector
    {
        private readonly TcpSocketConnector inner = new();

        public ConcurrentQueue<IPAddress> Dialled { get; } = new();

        public ValueTask<Socket> ConnectAsync(IPEndPoint endPoint, CancellationToken cancellationToken)
        {
            Dialled.Enqueue(endPoint.Address);
            var target = endPoint.Address.Equals(from) && (fromPort is null || fromPort == endPoint.Port)
                ? new IPEndPoint(to, toPort ?? endPoint.Port)
                : endPoint;
            if (!IPAddress.IsLoopback(target.Address))
            {
                throw new SocketException((int)SocketError.HostUnreachable);
            }

            return inner.ConnectAsync(target, cancellationToken);
        }
    }
}
