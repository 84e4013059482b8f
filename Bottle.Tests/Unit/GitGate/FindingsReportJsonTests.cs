using System.Text.Json;
using System.Text.Json.Serialization;
using Bottle.Sidecars.GitGate;
using Bottle.Sidecars.GitGate.Reporting;
using Bottle.Sidecars.GitGate.Scanning;

namespace Bottle.Tests.Unit.GitGate;

/// <summary>
/// findings.json and findings.sarif are read by CI steps and the dashboard: the source-generated writers must give
/// the bytes the reflection-based serializer gave with the options they used before.
/// </summary>
[TestClass]
public sealed class FindingsReportJsonTests
{
    // The options the reflection-based writers used.
    private static readonly JsonSerializerOptions FindingsOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private static readonly JsonSerializerOptions SarifOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    [TestMethod]
    public async Task Findings_files_are_byte_identical_to_the_reflection_serializer()
    {
        var directory = Directory.CreateTempSubdirectory("bottle-findings-").FullName;
        try
        {
            var time = new FixedTime(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
            using var report = new FindingsReport(new GitGateOptions { StateDirectory = directory, Remotes = [] }, time);
            PushFinding[] findings =
            [
                new("aws-access-key", "AWS access key <id> & \"quote\"", new string('a', 40), "src/dir with space/é.txt", 3, "AKIA****", "fp1"),
                new("generic-token", "Token", new string('b', 40), PushFinding.TagMessagePath, 1, "tok_****", "fp2"),
            ];

            await report.RecordAsync("origin", findings, CancellationToken.None);

            var recorded = findings.Select(f => new RecordedFinding(time.GetUtcNow(), "origin", f)).ToList();
            var json = JsonSerializer.Serialize(recorded, FindingsOptions);
            var sarif = JsonSerializer.Serialize(FindingsReport.ToSarif(recorded), SarifOptions);
            Assert.AreEqual(json, await File.ReadAllTextAsync(report.JsonPath));
            Assert.AreEqual(sarif, await File.ReadAllTextAsync(report.SarifPath));
            StringAssert.Contains(sarif, "\"$schema\"", "the schema keeps its JsonPropertyName");
            StringAssert.Contains(json, "\"isInTag\": true", "computed properties stay in findings.json");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
