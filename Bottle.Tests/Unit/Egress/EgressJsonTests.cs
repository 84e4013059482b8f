using System.Text.Json;
using Bottle.Sidecars.Egress;

namespace Bottle.Tests.Unit.Egress;

/// <summary>
/// Agents and tests read egress's deny bodies and admin answers: the source-generated forms must give the bytes the
/// reflection-based serializer gave for the anonymous objects they replaced.
/// </summary>
[TestClass]
public sealed class EgressJsonTests
{
    [TestMethod]
    [DataRow("policy", "host 'evil.test' is not allowed")]
    [DataRow("credential", "<script>\"quoted\" & non-ASCII é\n")]
    public void Deny_body_is_byte_identical_to_the_anonymous_object(string category, string reason)
    {
        var expected = JsonSerializer.Serialize(new { sidecar = "egress", category, reason });

        Assert.AreEqual(expected, JsonSerializer.Serialize(new EgressRefusal("egress", category, reason), EgressJsonContext.Default.EgressRefusal));
    }

    [TestMethod]
    public void Admin_answers_are_byte_identical_to_the_web_defaults()
    {
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var snapshot = new EgressMetricsSnapshot(1, 2, 3, 4, 5, 6, 7, 8, 9);

        Assert.AreEqual(JsonSerializer.Serialize(new { sidecar = "egress", status = "healthy" }, web), JsonSerializer.Serialize(new EgressStatus("egress", "healthy"), EgressJsonContext.Default.EgressStatus));
        Assert.AreEqual(JsonSerializer.Serialize(snapshot, web), JsonSerializer.Serialize(snapshot, EgressJsonContext.Default.EgressMetricsSnapshot));
    }
}
