using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Bottle.Sidecars.Tls;

/// <summary>
/// Leaf certificates per host name, minted by the <see cref="CertificateAuthority"/> on first use and kept in a
/// bounded least-recently-used cache. Concurrent first requests for one name mint exactly once; a leaf close to
/// expiry is replaced.
/// </summary>
public sealed class LeafCertificateCache : IDisposable
{
    private static readonly TimeSpan RenewBefore = TimeSpan.FromHours(1);

    private readonly CertificateAuthority _authority;
    private readonly TimeProvider _timeProvider;
    private readonly int _capacity;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly LinkedList<Entry> _recency = new();
    private long _minted;

    /// <summary>Creates a cache that holds at most <paramref name="capacity"/> leaves.</summary>
    public LeafCertificateCache(CertificateAuthority authority, TimeProvider timeProvider, int capacity = 1024)
    {
        ArgumentNullException.ThrowIfNull(authority);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _authority = authority;
        _timeProvider = timeProvider;
        _capacity = capacity;
    }

    /// <summary>How many leaves have been minted so far (for tests and metrics).</summary>
    public long MintedCount => Interlocked.Read(ref _minted);

    /// <summary>How many leaves the cache holds now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The TLS server context (leaf + CA chain) for <paramref name="host"/>, minting it on first use.</summary>
    public SslStreamCertificateContext Get(string host)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        Lazy<Minted> lazy;
        lock (_gate)
        {
            if (_entries.TryGetValue(host, out var node) && !IsStale(node.Value.Leaf))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                lazy = node.Value.Leaf;
            }
            else
            {
                if (node is not null)
                {
                    Remove(node);
                }

                // The Lazy is published under the lock and evaluated outside it: racing first requests share
                // one mint, and minting one name never blocks lookups of others.
                lazy = new Lazy<Minted>(() => Mint(host), LazyThreadSafetyMode.ExecutionAndPublication);
                var added = _recency.AddFirst(new Entry(host, lazy));
                _entries[host] = added;
                while (_entries.Count > _capacity)
                {
                    Remove(_recency.Last!);
                }
            }
        }

        return lazy.Value.Context;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var entry in _recency)
            {
                if (entry.Leaf.IsValueCreated)
                {
                    entry.Leaf.Value.Certificate.Dispose();
                }
            }

            _entries.Clear();
            _recency.Clear();
        }
    }

    private bool IsStale(Lazy<Minted> leaf) =>
        leaf.IsValueCreated && leaf.Value.NotAfter - _timeProvider.GetUtcNow() < RenewBefore;

    private void Remove(LinkedListNode<Entry> node)
    {
        _recency.Remove(node);
        _entries.Remove(node.Value.Host);

        // A certificate still in use by a handshake elsewhere stays alive through its SslStreamCertificateContext;
        // evicted leaves are left to the finalizer rather than disposed under a live handshake.
    }

    private Minted Mint(string host)
    {
        var leaf = _authority.IssueLeaf(host, _timeProvider);
        Interlocked.Increment(ref _minted);
        var context = SslStreamCertificateContext.Create(leaf, new X509Certificate2Collection(_authority.Certificate), offline: true);
        return new Minted(leaf, context, leaf.NotAfter.ToUniversalTime());
    }

    private sealed record Entry(string Host, Lazy<Minted> Leaf);

    private sealed record Minted(X509Certificate2 Certificate, SslStreamCertificateContext Context, DateTimeOffset NotAfter);
}
