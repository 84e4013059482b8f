using Bottle.AppHost.Hosting.ApplicationModel;

namespace Bottle.Tests.Unit.Hosting;

[TestClass]
public sealed class ResourceNameTests
{
    [TestMethod]
    [DataRow("a")]
    [DataRow("db")]
    [DataRow("git-gate")]
    [DataRow("Api2")]
    [DataRow("a-b-c-1")]
    public void Valid_names_are_accepted(string name)
    {
        Assert.IsTrue(Resource.TryValidateName(name, out var error), error);
        Assert.AreEqual(name, new TestResource(name).Name);
    }

    [TestMethod]
    [DataRow("", "empty")]
    [DataRow("1db", "must start with an ASCII letter")]
    [DataRow("-db", "must start with an ASCII letter")]
    [DataRow("db_1", "contains '_' at position 3")]
    [DataRow("db.local", "contains '.' at position 3")]
    [DataRow("dé", "contains 'é' at position 2")]
    [DataRow("git--gate", "two hyphens in a row")]
    [DataRow("db-", "ends with a hyphen")]
    public void Invalid_names_are_rejected_with_the_reason(string name, string reason)
    {
        Assert.IsFalse(Resource.TryValidateName(name, out var error));
        StringAssert.Contains(error, reason);
        var thrown = Assert.ThrowsExactly<ArgumentException>(() => new TestResource(name));
        StringAssert.Contains(thrown.Message, reason);
    }

    [TestMethod]
    public void Names_are_limited_to_64_characters()
    {
        Assert.IsTrue(Resource.TryValidateName("a" + new string('b', 63), out _));
        Assert.IsFalse(Resource.TryValidateName("a" + new string('b', 64), out var error));
        StringAssert.Contains(error, "65 characters long");
    }

    [TestMethod]
    public void A_null_name_is_rejected()
    {
        Assert.IsFalse(Resource.TryValidateName(null, out var error));
        StringAssert.Contains(error, "empty");
    }

    private sealed class TestResource(string name) : Resource(name);
}
