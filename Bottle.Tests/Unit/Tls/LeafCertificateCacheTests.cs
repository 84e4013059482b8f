using Bottle.Sidecars.Tls;

namespace Bottle.Tests.Unit.Tls;

[TestClass]
public sealed class LeafCertificateCacheTests
{
    private string _dir = "";

    [TestInitialize]
    public void Setup() => _dir = Directory.CreateTempSubdirectory("bottle-leaf-").FullName;

    [TestCleanup]
    public void Cleanup() => Directory.Delete(_dir, true);

    [TestMethod]
    public async Task Concurrent_first_requests_for_one_name_mint_once()
    {
        using var ca = CertificateAuthority.Create(_dir, TimeProvider.System);
        using var cache = new LeafCertificateCache(ca, TimeProvider.System);
        using var go = new ManualResetEventSlim();

        var racers = Enumerable.Range(0, 16).Select(_ => Task.Run(() =>
        {
            go.Wait();
            return cache.Get("api.example.com");
        })).ToArray();
        go.Set();
        var contexts = await Task.WhenAll(racers);

        Assert.AreEqual(1, cache.MintedCount);
        Assert.AreEqual(1, contexts.Distinct().Count());
        Assert.IsTrue(contexts[0].TargetCertificate.MatchesHostname("api.example.com"));
    }

    [TestMethod]
    public void The_cache_is_bounded_and_evicts_the_least_recently_used()
    {
        using var ca = CertificateAuthority.Create(_dir, TimeProvider.System);
        using var cache = new LeafCertificateCache(ca, TimeProvider.System, capacity: 2);

        var a = cache.Get("a.example.com");
        cache.Get("b.example.com");
        Assert.AreSame(a, cache.Get("a.example.com")); // a is now the most recent
        cache.Get("c.example.com");                    // evicts b

        Assert.AreEqual(2, cache.Count);
        Assert.AreSame(a, cache.Get("a.example.com"));
        Assert.AreEqual(3, cache.MintedCount);
        cache.Get("b.example.com");
        Assert.AreEqual(4, cache.MintedCount, "b was evicted and minted again");
    }

    [TestMethod]
    public void A_leaf_close_to_expiry_is_replaced()
    {
        var time = new ManualTime(DateTimeOffset.UtcNow);
        using var ca = CertificateAuthority.Create(_dir, time);
        using var cache = new LeafCertificateCache(ca, time);

        var first = cache.Get("api.example.com");
        time.Now += CertificateAuthority.LeafLifetime - TimeSpan.FromMinutes(30);
        var second = cache.Get("api.example.com");

        Assert.AreNotSame(first, second);
        Assert.AreEqual(2, cache.MintedCount);
    }

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
