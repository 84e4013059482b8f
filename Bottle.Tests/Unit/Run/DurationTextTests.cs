using Bottle.AppHost.Cli;

namespace Bottle.Tests.Unit.Run;

[TestClass]
public sealed class DurationTextTests
{
    [TestMethod]
    [DataRow("90s", 90)]
    [DataRow("10m", 600)]
    [DataRow("1h", 3600)]
    public void Parses_seconds_minutes_hours(string text, int seconds)
    {
        Assert.IsTrue(DurationText.TryParse(text, out var duration, out var error), error);
        Assert.AreEqual(TimeSpan.FromSeconds(seconds), duration);
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("90")]
    [DataRow("s")]
    [DataRow("0m")]
    [DataRow("-5s")]
    [DataRow("1.5h")]
    [DataRow("10 m")]
    [DataRow("1d")]
    [DataRow("99999999999s")]
    public void Refuses_anything_else_naming_the_text(string text)
    {
        Assert.IsFalse(DurationText.TryParse(text, out _, out var error));
        Assert.StartsWith($"'{text}' is not a duration", error);
    }

    [TestMethod]
    [DataRow(90, "90s")]
    [DataRow(600, "10m")]
    [DataRow(7200, "2h")]
    public void Formats_back_in_the_largest_whole_unit(int seconds, string text) =>
        Assert.AreEqual(text, DurationText.Format(TimeSpan.FromSeconds(seconds)));
}
