using System.Net;
using Bottle.Sidecars.Proxy;

namespace Bottle.Sidecars.Pipelock;

/// <summary>How a pipelock instance is set up: where it listens, where its policy, CA and audit log live.</summary>
public sealed class PipelockOptions
{
    /// <summary>The proxy's listen endpoint (port 0 picks a free port; see <see cref="PipelockServer.EndPoint"/>).</summary>
    public IPEndPoint ListenEndPoint { get; set; } = new(IPAddress.Any, 3128);

    /// <summary>The policy file (<c>pipelock.yaml</c>, see <see cref="PipelockConfigFile"/>). Required.</summary>
    public string ConfigPath { get; set; } = "";

    /// <summary>The folder holding <c>ca.pem</c> and <c>ca-key.pem</c> (written at launch by the orchestrator). Required.</summary>
    public string CaDirectory { get; set; } = "";

    /// <summary>Where audit lines are appended (<c>audit.jsonl</c>); null for none.</summary>
    public string? AuditPath { get; set; }

    /// <summary>Whether audit lines also go to stdout (the container log).</summary>
    public bool AuditToStdout { get; set; } = true;

    /// <summary>The HTTP limits enforced on clients.</summary>
    public ProxyLimits Limits { get; set; } = ProxyLimits.Default;

    /// <summary>How many minted leaf certificates are kept.</summary>
    public int LeafCacheCapacity { get; set; } = 1024;

    /// <summary>Checks the options, naming the first one that is wrong.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(ListenEndPoint);
        ArgumentNullException.ThrowIfNull(Limits);
        if (string.IsNullOrWhiteSpace(ConfigPath))
        {
            throw new ArgumentException("PipelockOptions.ConfigPath is empty: pipelock needs a policy file (pipelock.yaml)", nameof(ConfigPath));
        }

        if (string.IsNullOrWhiteSpace(CaDirectory))
        {
            throw new ArgumentException("PipelockOptions.CaDirectory is empty: pipelock needs the bottle CA (ca.pem, ca-key.pem)", nameof(CaDirectory));
        }

        if (LeafCacheCapacity < 1)
        {
            throw new ArgumentException($"PipelockOptions.LeafCacheCapacity is {LeafCacheCapacity}; it must be at least 1", nameof(LeafCacheCapacity));
        }
    }
}
