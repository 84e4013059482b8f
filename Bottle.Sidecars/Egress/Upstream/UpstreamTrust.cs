using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Bottle.Sidecars.Egress.Upstream;

/// <summary>
/// Upstream certificate validation: the system trust store, plus (optionally) extra CA certificates from the
/// manifest. A certificate is accepted when the platform accepts it, or when the only complaint is an
/// untrusted chain and that chain builds to one of the extra CAs. A wrong name is never forgiven.
/// </summary>
public sealed class UpstreamTrust
{
    private readonly X509Certificate2Collection extraRoots;

    private UpstreamTrust(X509Certificate2Collection extraRoots) => this.extraRoots = extraRoots;

    /// <summary>The system store only.</summary>
    public static UpstreamTrust SystemOnly { get; } = new([]);

    /// <summary>The system store plus the CA certificates in the PEM file <paramref name="pemPath"/>.</summary>
    public static UpstreamTrust WithExtraCa(string pemPath)
    {
        ArgumentNullException.ThrowIfNull(pemPath);
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPemFile(pemPath);
        }
        catch (Exception ex) when (ex is IOException or System.Security.Cryptography.CryptographicException)
        {
            throw new InvalidOperationException($"extra CA file '{pemPath}' cannot be read as PEM certificates: {ex.Message}", ex);
        }

        if (roots.Count == 0)
        {
            throw new InvalidOperationException($"extra CA file '{pemPath}' holds no certificate");
        }

        return new UpstreamTrust(roots);
    }

    /// <summary>The callback for <see cref="SslClientAuthenticationOptions.RemoteCertificateValidationCallback"/>.</summary>
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || extraRoots.Count == 0 || certificate is null)
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(extraRoots);
        // Private CAs rarely publish revocation endpoints reachable from a bottle; the system-store path keeps the platform default.
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        using var leaf = new X509Certificate2(certificate);
        return custom.Build(leaf);
    }
}
