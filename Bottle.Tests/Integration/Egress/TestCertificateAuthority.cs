using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Bottle.Tests.Integration.Egress;

/// <summary>A throwaway CA for one test class: issues server certificates for test host names.</summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private readonly X509Certificate2 root;

    public TestCertificateAuthority(string name = "Bottle Egress Test CA")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        root = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(7));
    }

    /// <summary>The CA certificate as PEM, for an extra-CA file.</summary>
    public string CertificatePem => root.ExportCertificatePem();

    /// <summary>Writes the CA PEM to a new temp file and returns its path.</summary>
    public string WritePemFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bottle-test-ca-{Guid.NewGuid():N}.pem");
        File.WriteAllText(path, CertificatePem);
        return path;
    }

    /// <summary>Issues a server certificate (with private key, usable by Kestrel) for <paramref name="dnsNames"/>.</summary>
    public X509Certificate2 IssueServer(params string[] dnsNames)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={dnsNames[0]}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames)
        {
            san.AddDnsName(name);
        }

        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow;
        using var issued = request.Create(root, now.AddHours(-1), now.AddDays(2), RandomNumberGenerator.GetBytes(12));
        using var withKey = issued.CopyWithPrivateKey(key);
        // Round-trip through PKCS#12 so the key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    public void Dispose() => root.Dispose();
}
