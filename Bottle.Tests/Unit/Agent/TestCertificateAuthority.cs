using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Bottle.Tests.Unit.Agent;

/// <summary>A throwaway CA and a leaf it signed, as PEM files in a folder (world-readable, for uid 1000 in containers).</summary>
[UnsupportedOSPlatform("windows")]
internal sealed class TestCertificateAuthority : IDisposable
{
    private TestCertificateAuthority(string directory) => Directory = directory;

    /// <summary>The folder with <c>ca.pem</c>, <c>leaf.pem</c>, <c>leaf-key.pem</c> and <c>not-a-ca.pem</c>.</summary>
    public string Directory { get; }

    public string CaFile => Path.Combine(Directory, "ca.pem");

    public string LeafFile => Path.Combine(Directory, "leaf.pem");

    public string LeafKeyFile => Path.Combine(Directory, "leaf-key.pem");

    /// <summary>A self-signed certificate without CA:TRUE: must be refused as a bottle CA.</summary>
    public string NotACaFile => Path.Combine(Directory, "not-a-ca.pem");

    public string CaPem => File.ReadAllText(CaFile);

    public static TestCertificateAuthority Create(string leafDnsName)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("bottle-test-ca-").FullName;
        File.SetUnixFileMode(directory, (UnixFileMode)0b111_101_101);
        var now = DateTimeOffset.UtcNow;

        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Bottle Test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));

        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var leafRequest = new CertificateRequest($"CN={leafDnsName}", leafKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(leafDnsName);
        leafRequest.CertificateExtensions.Add(san.Build());
        leafRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        leafRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var leaf = leafRequest.Create(ca, now.AddDays(-1), now.AddDays(29), [1, 2, 3, 4, 5, 6, 7, 8]);

        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var notACa = new CertificateRequest("CN=Not A CA", otherKey, HashAlgorithmName.SHA256).CreateSelfSigned(now.AddDays(-1), now.AddDays(30));

        var authority = new TestCertificateAuthority(directory);
        Write(authority.CaFile, ca.ExportCertificatePem());
        Write(authority.LeafFile, leaf.ExportCertificatePem());
        Write(authority.LeafKeyFile, leafKey.ExportPkcs8PrivateKeyPem());
        Write(authority.NotACaFile, notACa.ExportCertificatePem());
        return authority;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private static void Write(string path, string pem)
    {
        File.WriteAllText(path, pem + "\n");
        File.SetUnixFileMode(path, (UnixFileMode)0b110_100_100);
    }
}
