using System.Net;
using Bottle.Sidecars.Configuration;
using Bottle.Sidecars.Proxy;

namespace Bottle.Sidecars.Pipelock;

/// <summary>How a pipelock instance is set up: where it listens, where its config, CA and audit log live.</summary>
public sealed class PipelockOptions
{
    /// <summary>The proxy's listen endpoint (port 0 picks a free port; see <see cref="PipelockServer.EndPoint"/>).</summary>
    public IPEndPoint ListenEndPoint { get; set; } = new(IPAddress.Any, SidecarPorts.PipelockProxy);

    /// <summary>The config file (a <see cref="PipelockConfig"/>, read at start and on every reload). Required.</summary>
    public string ConfigPath { get; set; } = "";

    /// <summary>The bottle CA certificate (<c>ca.pem</c>). Required.</summary>
    public string CaCertificatePath { get; set; } = "";

    /// <summary>The bottle CA key (<c>ca-key.pem</c>, 0600). Required.</summary>
    public string CaKeyPath { get; set; } = "";

    /// <summary>Where audit lines are appended (<c>audit.jsonl</c>); null for none.</summary>
    public string? AuditPath { get; set; }

    /// <summary>Whether audit lines also go to stdout (the container log).</summary>
    public bool AuditToStdout { get; set; } = true;

    /// <summary>The HTTP limits enforced on clients.</summary>
    public ProxyLimits Limits { get; set; } = ProxyLimits.Default;

    /// <summary>How many minted leaf certificates are kept.</summary>
    public int LeafCacheCapacity { get; set; } = 1024;

    /// <summary>The options the <c>pipelock</c> role runs with: everything from <paramref name="config"/>, read from <paramref name="configPath"/>.</summary>
    public static PipelockOptions FromConfig(PipelockConfig config, string configPath)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentException.ThrowIfNullOrWhiteSpace(configPath);
        return new PipelockOptions
        {
            ListenEndPoint = new IPEndPoint(IPAddress.Parse(config.Proxy.Address), config.Proxy.Port),
            ConfigPath = configPath,
            CaCertificatePath = config.CaCertificatePath,
            CaKeyPath = config.CaKeyPath,
            AuditPath = config.AuditPath,
        };
    }

    /// <summary>Checks the options, naming the first one that is wrong.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(ListenEndPoint);
        ArgumentNullException.ThrowIfNull(Limits);
        if (string.IsNullOrWhiteSpace(ConfigPath))
        {
            throw new ArgumentException("PipelockOptions.ConfigPath is empty: pipelock needs its config file (pipelock.yaml)", nameof(ConfigPath));
        }

        if (string.IsNullOrWhiteSpace(CaCertificatePath) || string.IsNullOrWhiteSpace(CaKeyPath))
        {
            throw new ArgumentException("PipelockOptions.CaCertificatePath or CaKeyPath is empty: pipelock needs the bottle CA (ca.pem, ca-key.pem)", nameof(CaCertificatePath));
        }

        if (LeafCacheCapacity < 1)
        {
            throw new ArgumentException($"PipelockOptions.LeafCacheCapacity is {LeafCacheCapacity}; it must be at least 1", nameof(LeafCacheCapacity));
        }
    }
}
