namespace Bottle.Sidecars.Policy;

/// <summary>
/// Holds the current <see cref="EgressPolicy"/> snapshot. Readers take <see cref="Current"/> once per request
/// and judge the whole request with it; writers replace the snapshot in one reference write, so no reader ever
/// sees a half-built policy.
/// </summary>
public sealed class PolicyStore
{
    private EgressPolicy _current;

    /// <summary>Creates a store holding <paramref name="initial"/> (or <see cref="EgressPolicy.DenyAll"/>).</summary>
    public PolicyStore(EgressPolicy? initial = null) => _current = initial ?? EgressPolicy.DenyAll;

    /// <summary>The snapshot in force now.</summary>
    public EgressPolicy Current => Volatile.Read(ref _current);

    /// <summary>
    /// Installs <paramref name="rules"/> as the next snapshot, with a version one above the current one,
    /// and returns it. Concurrent swaps are serialised by compare-and-swap so versions never repeat.
    /// </summary>
    public EgressPolicy Swap(IReadOnlyList<EgressRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var frozen = rules.ToArray();
        while (true)
        {
            var seen = Current;
            var next = new EgressPolicy(frozen, seen.Version + 1);
            if (ReferenceEquals(Interlocked.CompareExchange(ref _current, next, seen), seen))
            {
                return next;
            }
        }
    }
}
