using Bottle.AppHost.Manifest;
using Bottle.AppHost.Planning;

namespace Bottle.Tests.Unit.Planning;

/// <summary>
/// The plan of <c>bottles/implementer.yaml</c> against <c>Bottle.Tests/TestData/implementer.plan.json</c>.
/// Regenerate after an intended change with <c>BOTTLE_UPDATE_GOLDEN=1 dotnet test Bottle.Tests --filter PlanGoldenTests</c>
/// and review the diff. The repository's absolute path is written as <c>$REPO</c> so the file holds on any machine.
/// </summary>
[TestClass]
public sealed class PlanGoldenTests
{
    private const string GoldenName = "implementer.plan.json";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Implementer_plan_matches_the_golden_file()
    {
        var actual = (await PlanOf("implementer")).Replace(TestRepository.Root, "$REPO", StringComparison.Ordinal);

        if (Environment.GetEnvironmentVariable("BOTTLE_UPDATE_GOLDEN") == "1")
        {
            await File.WriteAllTextAsync(Path.Combine(TestRepository.Root, "Bottle.Tests", "TestData", GoldenName), actual, TestContext.CancellationToken);
            Assert.Inconclusive("golden file rewritten; review the diff and run again without BOTTLE_UPDATE_GOLDEN");
        }

        var expected = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "TestData", GoldenName), TestContext.CancellationToken);
        Assert.AreEqual(expected, actual, "the plan changed: if intended, regenerate with BOTTLE_UPDATE_GOLDEN=1 and review the diff");
    }

    [TestMethod]
    [DataRow("hello")]
    [DataRow("implementer")]
    [DataRow("ci")]
    public async Task The_same_manifest_plans_byte_identically_twice(string bottle)
    {
        Assert.AreEqual(await PlanOf(bottle), await PlanOf(bottle));
    }

    [TestMethod]
    public async Task The_plan_json_round_trips()
    {
        var json = await PlanOf("implementer");

        Assert.AreEqual(json, PlanJson.Serialize(PlanJson.Deserialize(json)));
    }

    private async Task<string> PlanOf(string bottle)
    {
        var loaded = await ManifestLoader.LoadAsync(TestRepository.Bottle(bottle), TestContext.CancellationToken);
        Assert.IsTrue(loaded.Succeeded, string.Join("\n", loaded.FormatErrors()));
        return PlanJson.Serialize(BottlePlanner.Prepare(loaded.Manifest!, PlanOptions.Default));
    }
}
