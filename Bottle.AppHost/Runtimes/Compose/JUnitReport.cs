using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>
/// Writes a run's <see cref="BottleCheck"/>s as JUnit XML (the shape CI test reporters read: Jenkins, GitLab,
/// GitHub Actions reporters): one <c>testsuite</c> per bottle, one <c>testcase</c> per check, a <c>failure</c>
/// with a message on each failed check.
/// </summary>
public static class JUnitReport
{
    /// <summary>The report's file name in the artifacts folder.</summary>
    public const string FileName = "bottle-junit.xml";

    /// <summary>The JUnit XML for bottle <paramref name="slug"/>'s <paramref name="checks"/>, run at <paramref name="timestamp"/>.</summary>
    public static string Render(string slug, IReadOnlyList<BottleCheck> checks, DateTimeOffset timestamp)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(slug);
        ArgumentNullException.ThrowIfNull(checks);
        var failures = checks.Count(c => !c.Passed).ToString(CultureInfo.InvariantCulture);
        var total = checks.Count.ToString(CultureInfo.InvariantCulture);
        var time = Seconds(checks.Aggregate(TimeSpan.Zero, (sum, c) => sum + c.Duration));
        var suite = new XElement(
            "testsuite",
            new XAttribute("name", $"bottle {slug}"),
            new XAttribute("tests", total),
            new XAttribute("failures", failures),
            new XAttribute("errors", "0"),
            new XAttribute("skipped", "0"),
            new XAttribute("time", time),
            new XAttribute("timestamp", timestamp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
            checks.Select(c => new XElement(
                "testcase",
                new XAttribute("classname", $"bottle.{slug}"),
                new XAttribute("name", c.Name),
                new XAttribute("time", Seconds(c.Duration)),
                c.Failure is { } failure
                    ? new XElement("failure", new XAttribute("message", XmlSafe(failure)), new XAttribute("type", "BottleCheckFailed"), XmlSafe(failure))
                    : null)));
        var document = new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement("testsuites", new XAttribute("name", "bottle"), new XAttribute("tests", total), new XAttribute("failures", failures), new XAttribute("time", time), suite));
        using var writer = new Utf8StringWriter();
        document.Save(writer);
        return writer + "\n";
    }

    private static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    // A failure message can quote a tool's output; XML 1.0 cannot hold most control characters (ANSI escapes, NUL).
    private static string XmlSafe(string text)
    {
        // Runes: a lone surrogate comes out as U+FFFD; every rune outside the BMP is a legal XML character.
        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            builder.Append(rune.IsBmp && !XmlConvert.IsXmlChar((char)rune.Value) ? "?" : rune.ToString());
        }

        return builder.ToString();
    }

    private sealed class Utf8StringWriter : StringWriter
    {
        public Utf8StringWriter()
            : base(CultureInfo.InvariantCulture)
        {
        }

        public override Encoding Encoding => Encoding.UTF8;
    }
}
