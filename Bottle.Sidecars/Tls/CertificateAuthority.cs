using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Bottle.Sidecars.Tls;

/// <summary>
/// The bottle's own certificate authority (ECDSA P-256): created at launch, trusted by the agent, and used by
/// pipelock to mint a short-lived leaf certificate for every name the agent talks to. Its key is written with
/// mode 0600 through a temp file and a rename, so no reader ever sees a partial or world-readable key.
/// </summary>
public sealed class CertificateAuthority : IDisposable
{
    /// <summary>The file name of the CA certificate inside a state directory.</summary>
    public const string CertificateFileName = "ca.pem";

    /// <summary>The file name of the CA private key inside a state directory.</summary>
    public const string KeyFileName = "ca-key.pem";

    private static readonly TimeSpan CaLifetime = TimeSpan.FromDays(365);
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly ECDsa _key;

    private CertificateAuthority(X509Certificate2 certificate, ECDsa key)
    {
        Certificate = certificate;
        _key = key;
    }

    /// <summary>The CA certificate (public part only), as the agent trusts it.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>How long minted leaf certificates are valid.</summary>
    public static TimeSpan LeafLifetime { get; } = TimeSpan.FromDays(2);

    /// <summary>
    /// Creates a new CA and writes <c>ca.pem</c> (0644) and <c>ca-key.pem</c> (0600) into <paramref name="directory"/>
    /// (created if missing), each through a temp file and an atomic rename.
    /// </summary>
    public static CertificateAuthority Create(string directory, TimeProvider timeProvider, string commonName = "Bottle CA")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentException.ThrowIfNullOrWhiteSpace(commonName);

        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={commonName}, O=Bottle"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));

        var now = timeProvider.GetUtcNow();
        using var selfSigned = request.CreateSelfSigned(now - ClockSkew, now + CaLifetime);
        var publicOnly = X509CertificateLoader.LoadCertificate(selfSigned.RawData);

        Directory.CreateDirectory(directory);
        WriteAtomically(Path.Combine(directory, CertificateFileName), publicOnly.ExportCertificatePem(), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        WriteAtomically(Path.Combine(directory, KeyFileName), key.ExportPkcs8PrivateKeyPem(), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return new CertificateAuthority(publicOnly, key);
    }

    /// <summary>Loads a CA written by <see cref="Create"/>; says which file is wrong when one is.</summary>
    public static CertificateAuthority Load(string certificatePath, string keyPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(certificatePath);
        ArgumentException.ThrowIfNullOrWhiteSpace(keyPath);

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadCertificate(X509Certificate2.CreateFromPem(File.ReadAllText(certificatePath)).RawData);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"CA certificate '{certificatePath}' cannot be read: {ex.Message}", ex);
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(keyPath));
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            key.Dispose();
            throw new InvalidDataException($"CA key '{keyPath}' cannot be read as an ECDSA PEM key: {ex.Message}", ex);
        }

        using var certificateKey = certificate.GetECDsaPublicKey();
        if (certificateKey is null || !certificateKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo()))
        {
            key.Dispose();
            throw new InvalidDataException($"CA key '{keyPath}' does not belong to certificate '{certificatePath}'");
        }

        return new CertificateAuthority(certificate, key);
    }

    /// <summary>Loads <c>ca.pem</c> and <c>ca-key.pem</c> from <paramref name="directory"/>.</summary>
    public static CertificateAuthority LoadFrom(string directory) =>
        Load(Path.Combine(directory, CertificateFileName), Path.Combine(directory, KeyFileName));

    /// <summary>
    /// Mints a server leaf for <paramref name="host"/> (a DNS name or an IP literal): ECDSA P-256, SAN = that name,
    /// EKU serverAuth, valid for <see cref="LeafLifetime"/>. The result carries its private key.
    /// </summary>
    public X509Certificate2 IssueLeaf(string host, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentNullException.ThrowIfNull(timeProvider);

        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var isIp = IPAddress.TryParse(host, out var address);
        var subject = new X500DistinguishedName(isIp ? "CN=bottle-ip" : $"CN={host}");
        var request = new CertificateRequest(subject, leafKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        if (isIp)
        {
            san.AddIpAddress(address!);
        }
        else
        {
            san.AddDnsName(host);
        }

        request.CertificateExtensions.Add(san.Build(true));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));

        var now = timeProvider.GetUtcNow();
        var notAfter = now + LeafLifetime < Certificate.NotAfter ? now + LeafLifetime : new DateTimeOffset(Certificate.NotAfter);
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // a positive serial, as RFC 5280 asks
        var generator = X509SignatureGenerator.CreateForECDsa(_key);
        using var unsigned = request.Create(Certificate.SubjectName, generator, now - ClockSkew, notAfter, serial);
        return unsigned.CopyWithPrivateKey(leafKey);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _key.Dispose();
        Certificate.Dispose();
    }

    private static void WriteAtomically(string path, string content, UnixFileMode mode)
    {
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode; // the key is never on disk with wider permissions, not even briefly
        }

        try
        {
            using (var stream = new FileStream(temp, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(content);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
