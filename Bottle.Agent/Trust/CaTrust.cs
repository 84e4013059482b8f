using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Bottle.Agent.Processes;
using Bottle.Agent.Shim;

namespace Bottle.Agent.Trust;

/// <summary>
/// Makes the bottle CA trusted for the command: pipelock re-signs every TLS connection with it, so without it
/// every HTTPS request fails. As root it is installed into the system store (<c>update-ca-certificates</c>);
/// otherwise (the agent runs as uid 1000) a combined bundle, system bundle + bottle CA, is written where the
/// user can write. Either way the usual variables point at a bundle that holds it, because several stacks
/// (curl, Python requests, git) read a variable before, or instead of, the system store.
/// </summary>
public static class CaTrust
{
    /// <summary>The variables set to the bundle (a full trust store, replacing the default one).</summary>
    public static readonly IReadOnlyList<string> BundleVariables = ["SSL_CERT_FILE", "REQUESTS_CA_BUNDLE", "GIT_SSL_CAINFO", "CURL_CA_BUNDLE"];

    /// <summary>Node and Bun add this file to their built-in roots, so it names the bottle CA alone.</summary>
    public const string NodeVariable = "NODE_EXTRA_CA_CERTS";

    /// <summary>Trusts the CA and points the CA variables of <paramref name="environment"/> at it.</summary>
    /// <exception cref="ShimFailureException">The CA file is missing or not a CA certificate, or no bundle could be written.</exception>
    public static async Task<CaTrustResult> ApplyAsync(CaTrustOptions options, IDictionary<string, string> environment, TextWriter diagnostics, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var caPem = await ReadCaAsync(options.CaFile, cancellationToken);
        var result = await TrustAsync(options, caPem, diagnostics, cancellationToken);
        foreach (var name in BundleVariables)
        {
            environment[name] = result.Bundle;
        }

        environment[NodeVariable] = options.CaFile;
        return result;
    }

    private static async Task<CaTrustResult> TrustAsync(CaTrustOptions options, string caPem, TextWriter diagnostics, CancellationToken cancellationToken)
    {
        if (await BundleHoldsAsync(options.SystemBundle, caPem, cancellationToken))
        {
            return new CaTrustResult(options.SystemBundle, SystemWide: true);
        }

        if (options.CanWriteSystemStore)
        {
            var problem = await InstallSystemWideAsync(options, caPem, cancellationToken);
            if (problem is null && await BundleHoldsAsync(options.SystemBundle, caPem, cancellationToken))
            {
                return new CaTrustResult(options.SystemBundle, SystemWide: true);
            }

            // A read-only root file system, for one: the user bundle still gives every stack the CA through the variables.
            await diagnostics.WriteLineAsync(
                $"bottle-agent: warning: could not add the bottle CA to {options.SystemBundle} ({problem ?? "the bundle does not hold it after the update"}); using {options.UserBundle}");
        }

        await WriteUserBundleAsync(options, caPem, cancellationToken);
        return new CaTrustResult(options.UserBundle, SystemWide: false);
    }

    private static async Task<string> ReadCaAsync(string caFile, CancellationToken cancellationToken)
    {
        string pem;
        try
        {
            pem = await File.ReadAllTextAsync(caFile, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ShimFailureException(
                $"cannot read the bottle CA '{caFile}' ({ex.Message}); the bottle mounts it there (--ca or BOTTLE_CA_FILE names another file)", ex);
        }

        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPem(pem);
        }
        catch (CryptographicException ex)
        {
            throw new ShimFailureException($"the bottle CA '{caFile}' is not a PEM certificate: {ex.Message}", ex);
        }

        try
        {
            if (certificates.Count == 0)
            {
                throw new ShimFailureException($"the bottle CA '{caFile}' holds no PEM certificate");
            }

            if (!certificates.Any(c => c.Extensions.OfType<X509BasicConstraintsExtension>().Any(b => b.CertificateAuthority)))
            {
                throw new ShimFailureException($"the bottle CA '{caFile}' is not a CA certificate (no basic constraint CA:TRUE)");
            }

            // Re-encode: a bundle must hold clean PEM whatever else (comments, keys) the file carried.
            var clean = new StringBuilder();
            foreach (var certificate in certificates)
            {
                clean.Append(certificate.ExportCertificatePem()).Append('\n');
            }

            return clean.ToString();
        }
        finally
        {
            foreach (var certificate in certificates)
            {
                certificate.Dispose();
            }
        }
    }

    /// <summary>True when every certificate of <paramref name="caPem"/> is in the bundle file (compared by base64 body).</summary>
    internal static async Task<bool> BundleHoldsAsync(string bundle, string caPem, CancellationToken cancellationToken)
    {
        if (!File.Exists(bundle))
        {
            return false;
        }

        var bundleBodies = Squeeze(await File.ReadAllTextAsync(bundle, cancellationToken));
        return PemBodies(caPem).All(body => bundleBodies.Contains(body, StringComparison.Ordinal));
    }

    private static IEnumerable<string> PemBodies(string pem) =>
        pem.Split("-----END CERTIFICATE-----", StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split("-----BEGIN CERTIFICATE-----") is [_, var body] ? Squeeze(body) : string.Empty)
            .Where(body => body.Length > 0);

    private static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    private static async Task<string?> InstallSystemWideAsync(CaTrustOptions options, string caPem, CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(options.AnchorFile)!);
            await File.WriteAllTextAsync(options.AnchorFile, caPem, cancellationToken);
            var update = await CapturedProcess.RunAsync(options.UpdateCommand, [], environment: null, cancellationToken);
            return update.ExitCode == 0 ? null : $"{options.UpdateCommand} exited {update.ExitCode}: {update.StdErr.Trim()}";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ex.Message;
        }
    }

    private static async Task WriteUserBundleAsync(CaTrustOptions options, string caPem, CancellationToken cancellationToken)
    {
        var system = File.Exists(options.SystemBundle) ? await File.ReadAllTextAsync(options.SystemBundle, cancellationToken) : string.Empty;
        var combined = system.Length == 0 || system.EndsWith('\n') ? system + caPem : system + "\n" + caPem;
        var temporary = $"{options.UserBundle}.{Environment.ProcessId}.tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(options.UserBundle)!);
            // Write then rename: a concurrent exec of the shim never reads a half-written bundle.
            await File.WriteAllTextAsync(temporary, combined, cancellationToken);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            }

            File.Move(temporary, options.UserBundle, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }

            throw new ShimFailureException($"cannot write the CA bundle '{options.UserBundle}': {ex.Message} (is HOME writable?)", ex);
        }
    }
}
