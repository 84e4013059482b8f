using Bottle.Sidecars.Egress;
using Bottle.Tests.Integration.Egress;

namespace Bottle.Tests.Unit.Egress;

[TestClass]
public sealed class CredentialStoreTests
{
    private const string Secret = "s3cr3t-value-that-must-not-leak";

    [TestMethod]
    [DataRow(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead)]
    [DataRow(UnixFileMode.UserRead | UnixFileMode.OtherRead)]
    public void Refuses_a_file_group_or_others_can_read(UnixFileMode mode)
    {
        var path = EgressHarness.WriteCredentials(new Dictionary<string, string> { ["a"] = Secret }, mode);

        var error = Assert.ThrowsExactly<InvalidOperationException>(() => CredentialStore.Load(path));

        StringAssert.Contains(error.Message, path);
        StringAssert.Contains(error.Message, "chmod 600");
    }

    [TestMethod]
    public void Loads_a_0600_file_and_never_prints_values()
    {
        var store = CredentialStore.Load(EgressHarness.WriteCredentials(new Dictionary<string, string> { ["anthropic"] = Secret }));

        Assert.IsTrue(store.TryGetValue("anthropic", out var value) && value == Secret);
        Assert.IsFalse(store.ToString().Contains(Secret, StringComparison.Ordinal));
    }

    [TestMethod]
    public void A_malformed_file_is_refused_without_quoting_its_content()
    {
        var path = EgressHarness.WriteCredentials(new Dictionary<string, string>());
        File.WriteAllText(path, $"{{\"a\": {Secret}}}");

        var error = Assert.ThrowsExactly<InvalidOperationException>(() => CredentialStore.Load(path));

        StringAssert.Contains(error.Message, "line 1");
        Assert.IsFalse(error.ToString().Contains(Secret, StringComparison.Ordinal));
    }
}
