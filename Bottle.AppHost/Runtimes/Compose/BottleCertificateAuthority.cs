using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>
/// Makes a bottle's own CA (ECDSA P-256), the one pipelock signs its intercepting certificates with and the
/// agent trusts. One per launch: a CA key never outlives the bottle it was made for by more than its state dir.
/// </summary>
public static class BottleCertificateAuthority
{
    /// <summary>How long the CA is valid: long enough for any bottle's life, short enough that a leaked key expires.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    /// <summary>A new CA for bottle <paramref name="slug"/>: the certificate and its PKCS#8 private key, both PEM.</summary>
    public static (string CertificatePem, string KeyPem) Create(string slug, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(slug);
        ArgumentNullException.ThrowIfNull(timeProvider);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN=bottle {slug} CA, O=Bottle", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));

        // Back-dated a little so a clock that is slightly behind in a container still accepts it.
        var now = timeProvider.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddHours(-1), now.Add(Lifetime));
        return (certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }
}
