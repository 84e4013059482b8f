using System.Runtime.Versioning;
using System.Diagnostics;
using Bottle.Agent.Shim;
using Bottle.Agent.Trust;

namespace Bottle.Tests.Unit.Agent;

[UnsupportedOSPlatform("windows")]
[TestClass]
public sealed class CaTrustTests
{

    [TestMethod]
    public async Task Non_root_gets_a_user_bundle_of_system_roots_plus_the_bottle_CA_that_openssl_trusts()
    {
        using var ca = TestCertificateAuthority.Create("tls-server");
        using var temp = new TempDirectory();
        var systemBundle = temp["system/ca-certificates.crt"];
        Directory.CreateDirectory(temp["system"]);
        File.WriteAllText(systemBundle, SystemRoots(ca));
        var options = Options(ca, temp) with { SystemBundle = systemBundle };
        var env = new Dictionary<string, string>();

        var result = await CaTrust.ApplyAsync(options, env, TextWriter.Null, CancellationToken.None);

        Assert.IsFalse(result.SystemWide);
        Assert.AreEqual(options.UserBundle, result.Bundle);
        var bundle = File.ReadAllText(result.Bundle);
        StringAssert.StartsWith(bundle, SystemRoots(ca), "the system roots stay trusted");
        Assert.IsTrue(await CaTrust.BundleHoldsAsync(result.Bundle, ca.CaPem, CancellationToken.None));
        foreach (var name in CaTrust.BundleVariables)
        {
            Assert.AreEqual(result.Bundle, env[name], name);
        }

        Assert.AreEqual(ca.CaFile, env[CaTrust.NodeVariable]);
        // The real check: OpenSSL accepts a leaf signed by the bottle CA against the bundle the child is given.
        Assert.AreEqual($"{ca.LeafFile}: OK", await OpensslVerifyAsync(result.Bundle, ca.LeafFile));
    }

    [TestMethod]
    public async Task Without_the_bundle_openssl_refuses_the_leaf()
    {
        using var ca = TestCertificateAuthority.Create("tls-server");

        // Control for the tests that expect "OK": the leaf does not verify against a store without the bottle CA.
        StringAssert.Contains(await OpensslVerifyAsync(ca.NotACaFile, ca.LeafFile), "unable to get local issuer certificate");
    }

    [TestMethod]
    public async Task A_system_bundle_that_already_holds_the_CA_is_used_as_is()
    {
        using var ca = TestCertificateAuthority.Create("tls-server");
        using var temp = new TempDirectory();
        File.WriteAllText(temp["system.crt"], SystemRoots(ca) + ca.CaPem);
        var options = Options(ca, temp) with { SystemBundle = temp["system.crt"] };

        var result = await CaTrust.ApplyAsync(options, new Dictionary<string, string>(), TextWriter.Null, CancellationToken.None);

        Assert.AreEqual(new CaTrustResult(temp["system.crt"], SystemWide: true), result);
        Assert.IsFalse(File.Exists(options.UserBundle));
    }

    [TestMethod]
    public async Task Root_installs_the_anchor_and_runs_the_update_command()
    {
        using var ca = TestCertificateAuthority.Create("tls-server");
        using var temp = new TempDirectory();
        File.WriteAllText(temp["system.crt"], SystemRoots(ca));
        // Stands in for update-ca-certificates: appends the anchors to the bundle, as the real one does.
        var update = WriteScript(temp, "update", $"cat '{temp["anchors/bottle-ca.crt"]}' >> '{temp["system.crt"]}'");
        var options = Options(ca, temp) with
        {
            SystemBundle = temp["system.crt"],
            AnchorFile = temp["anchors/bottle-ca.crt"],
            UpdateCommand = update,
            CanWriteSystemStore = true,
        };
        var env = new Dictionary<string, string>();

        var result = await CaTrust.ApplyAsync(options, env, TextWriter.Null, CancellationToken.None);

        Assert.AreEqual(new CaTrustResult(temp["system.crt"], SystemWide: true), result);
        Assert.AreEqual(temp["system.crt"], env["SSL_CERT_FILE"]);
        Assert.AreEqual($"{ca.LeafFile}: OK", await OpensslVerifyAsync(temp["system.crt"], ca.LeafFile));
    }

    [TestMethod]
    public async Task A_failing_system_update_falls_back_to_the_user_bundle_with_a_warning()
    {
        using var ca = TestCertificateAuthority.Create("tls-server");
        using var temp = new TempDirectory();
        var options = Options(ca, temp) with
        {
            AnchorFile = temp["anchors/bottle-ca.crt"],
            UpdateCommand = WriteScript(temp, "update", "echo read-only file system >&2; exit 1"),
            CanWriteSystemStore = true,
        };
        var warnings = new StringWriter();

        var result = await CaTrust.ApplyAsync(options, new Dictionary<string, string>(), warnings, CancellationToken.None);

        Assert.AreEqual(new CaTrustResult(options.UserBundle, SystemWide: false), result);
        StringAssert.Contains(warnings.ToString(), "read-only file system");
        Assert.AreEqual($"{ca.LeafFile}: OK", await OpensslVerifyAsync(result.Bundle, ca.LeafFile));
    }

    [TestMethod]
    public async Task Missing_or_wrong_CA_files_fail_closed_naming_the_file()
    {
        using var ca = TestCertificateAuthority.Create("tls-server");
        using var temp = new TempDirectory();
        File.WriteAllText(temp["garbage.pem"], "not a certificate");

        foreach (var (file, expected) in new[]
        {
            (temp["missing.pem"], "cannot read the bottle CA"),
            (temp["garbage.pem"], "holds no PEM certificate"),
            (ca.NotACaFile, "is not a CA certificate"),
        })
        {
            var env = new Dictionary<string, string>();
            var ex = await Assert.ThrowsExactlyAsync<ShimFailureException>(
                () => CaTrust.ApplyAsync(Options(ca, temp) with { CaFile = file }, env, TextWriter.Null, CancellationToken.None));
            StringAssert.Contains(ex.Message, file);
            StringAssert.Contains(ex.Message, expected);
            Assert.IsEmpty(env, "nothing is set when the CA cannot be trusted");
        }
    }

    // Any other valid certificate stands in for the system's roots.
    private static string SystemRoots(TestCertificateAuthority ca) => File.ReadAllText(ca.NotACaFile);

    private static CaTrustOptions Options(TestCertificateAuthority ca, TempDirectory temp) =>
        new(ca.CaFile, CaTrustOptions.UserBundleIn(temp["home"]))
        {
            SystemBundle = temp["no-system-bundle.crt"],
            AnchorFile = temp["anchors/bottle-ca.crt"],
            UpdateCommand = temp["no-update-command"],
            CanWriteSystemStore = false,
        };

    private static string WriteScript(TempDirectory temp, string name, string body)
    {
        var path = temp[name];
        File.WriteAllText(path, $"#!/bin/sh\n{body}\n");
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        return path;
    }

    private static async Task<string> OpensslVerifyAsync(string caFile, string leaf)
    {
        using var openssl = Process.Start(new ProcessStartInfo("openssl", ["verify", "-CAfile", caFile, leaf])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = await openssl.StandardOutput.ReadToEndAsync() + await openssl.StandardError.ReadToEndAsync();
        await openssl.WaitForExitAsync();
        return output.Trim();
    }
}
