using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Bottle.Sidecars.Tls;

namespace Bottle.Tests.Unit.Tls;

[TestClass]
public sealed class CertificateAuthorityTests
{
    private string _dir = "";

    [TestInitialize]
    public void Setup() => _dir = Directory.CreateTempSubdirectory("bottle-ca-").FullName;

    [TestCleanup]
    public void Cleanup() => Directory.Delete(_dir, true);

    [TestMethod]
    public void Create_writes_the_key_with_mode_0600_and_no_temp_files()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Inconclusive("file modes are a Unix notion");
            return;
        }

        using var ca = CertificateAuthority.Create(_dir, TimeProvider.System);

        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_dir, "ca-key.pem")));
        Assert.IsFalse(File.GetUnixFileMode(Path.Combine(_dir, "ca.pem")).HasFlag(UnixFileMode.OtherWrite));
        Assert.AreEqual("ca-key.pem,ca.pem", string.Join(",", Directory.GetFiles(_dir).Select(Path.GetFileName).Order(StringComparer.Ordinal)));
        StringAssert.StartsWith(File.ReadAllText(Path.Combine(_dir, "ca-key.pem")), "-----BEGIN PRIVATE KEY-----");
    }

    [TestMethod]
    public void The_ca_is_an_ecdsa_p256_certificate_authority_without_its_key_in_the_public_file()
    {
        using var ca = CertificateAuthority.Create(_dir, TimeProvider.System);
        var pem = File.ReadAllText(Path.Combine(_dir, "ca.pem"));

        Assert.IsFalse(pem.Contains("PRIVATE", StringComparison.Ordinal));
        using var key = ca.Certificate.GetECDsaPublicKey()!;
        Assert.AreEqual(256, key.KeySize);
        Assert.IsTrue(ca.Certificate.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.IsFalse(ca.Certificate.HasPrivateKey);
    }

    [TestMethod]
    public void Load_reads_back_the_same_ca_and_its_leaves_chain_to_it()
    {
        string thumbprint;
        using (var created = CertificateAuthority.Create(_dir, TimeProvider.System))
        {
            thumbprint = created.Certificate.Thumbprint;
        }

        using var ca = CertificateAuthority.LoadFrom(_dir);
        using var leaf = ca.IssueLeaf("api.example.com", TimeProvider.System);

        Assert.AreEqual(thumbprint, ca.Certificate.Thumbprint);
        Assert.IsTrue(leaf.HasPrivateKey);
        Assert.IsTrue(leaf.MatchesHostname("api.example.com"));
        Assert.IsFalse(leaf.MatchesHostname("evil.example.com"));
        Assert.AreEqual("1.3.6.1.5.5.7.3.1", leaf.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages[0].Value);
        Assert.IsTrue(leaf.NotAfter - leaf.NotBefore <= CertificateAuthority.LeafLifetime + TimeSpan.FromMinutes(5));
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca.Certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.IsTrue(chain.Build(leaf), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
    }

    [TestMethod]
    public void Ip_literal_leaves_carry_an_ip_san()
    {
        using var ca = CertificateAuthority.Create(_dir, TimeProvider.System);
        using var leaf = ca.IssueLeaf("203.0.113.7", TimeProvider.System);

        Assert.IsTrue(leaf.MatchesHostname("203.0.113.7"));
    }

    [TestMethod]
    public void Load_refuses_a_key_that_belongs_to_another_certificate()
    {
        using (CertificateAuthority.Create(_dir, TimeProvider.System))
        {
        }

        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        File.WriteAllText(Path.Combine(_dir, "ca-key.pem"), other.ExportPkcs8PrivateKeyPem());

        var ex = Assert.ThrowsExactly<InvalidDataException>(() => CertificateAuthority.LoadFrom(_dir));
        StringAssert.Contains(ex.Message, "does not belong to certificate");
    }

    [TestMethod]
    public void Load_names_the_missing_file()
    {
        var ex = Assert.ThrowsExactly<InvalidDataException>(() => CertificateAuthority.LoadFrom(_dir));

        StringAssert.Contains(ex.Message, Path.Combine(_dir, "ca.pem"));
    }
}
