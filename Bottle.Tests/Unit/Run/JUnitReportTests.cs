using System.Xml.Linq;
using Bottle.AppHost.Runtimes.Compose;

namespace Bottle.Tests.Unit.Run;

[TestClass]
public sealed class JUnitReportTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [TestMethod]
    public void One_case_per_check_with_failures_counted_and_carrying_their_message()
    {
        var xml = JUnitReport.Render("ci-abc123", [
            new BottleCheck("sidecar pipelock healthy", TimeSpan.Zero, null),
            new BottleCheck("agent running", TimeSpan.Zero, null),
            new BottleCheck(BottleChecks.CommandCheck, TimeSpan.FromSeconds(2.5), "the command exited with code 3"),
        ], At);

        var suite = XDocument.Parse(xml).Root!.Element("testsuite")!;
        Assert.AreEqual("bottle ci-abc123", (string?)suite.Attribute("name"));
        Assert.AreEqual("3", (string?)suite.Attribute("tests"));
        Assert.AreEqual("1", (string?)suite.Attribute("failures"));
        Assert.AreEqual("2026-11-23T10:00:00", (string?)suite.Attribute("timestamp"));
        var cases = suite.Elements("testcase").ToList();
        Assert.HasCount(3, cases);
        Assert.IsTrue(cases.All(c => (string?)c.Attribute("classname") == "bottle.ci-abc123"));
        Assert.IsNull(cases[0].Element("failure"));
        var failure = cases[2].Element("failure")!;
        Assert.AreEqual("the command exited with code 3", (string?)failure.Attribute("message"));
        Assert.AreEqual("2.5", (string?)cases[2].Attribute("time"));
    }

    [TestMethod]
    public void Characters_xml_cannot_hold_are_replaced_not_fatal()
    {
        var xml = JUnitReport.Render("x-000000", [new BottleCheck("c", TimeSpan.Zero, "tool said \u001b[31mred\u0000 <&> \ud83d\ude00 \ud800")], At);

        var message = (string?)XDocument.Parse(xml).Descendants("failure").Single().Attribute("message");
        Assert.AreEqual("tool said ?[31mred? <&> \ud83d\ude00 \ufffd", message);
    }
}
