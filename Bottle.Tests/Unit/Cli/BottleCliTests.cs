using Bottle.AppHost.Cli;
using Bottle.AppHost.Planning;
using Bottle.Tests.Unit.Manifest;
using Bottle.Tests.Unit.Planning;

namespace Bottle.Tests.Unit.Cli;

[TestClass]
public sealed class BottleCliTests
{
    public TestContext TestContext { get; set; } = null!;

    private async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await BottleCli.RunAsync(args, output, error, TestContext.CancellationToken);
        return (code, output.ToString(), error.ToString());
    }

    [TestMethod]
    public async Task Plan_prints_the_json_plan_and_exits_0()
    {
        var (code, output, error) = await Run("plan", TestRepository.Bottle("implementer"));

        Assert.AreEqual(0, code, error);
        Assert.AreEqual(BottlePlan.CurrentSchemaVersion, PlanJson.Deserialize(output).SchemaVersion);
        Assert.AreEqual(string.Empty, error);
    }

    [TestMethod]
    public async Task Up_dry_run_is_plan()
    {
        var plan = await Run("plan", TestRepository.Bottle("hello"), "--format", "text");
        var up = await Run("up", TestRepository.Bottle("hello"), "--dry-run", "--format", "text");

        Assert.AreEqual(0, up.Code, up.Err);
        Assert.AreEqual(plan.Out, up.Out);
        Assert.StartsWith("bottle hello (instance default, runtime docker)", up.Out);
    }

    [TestMethod]
    public async Task A_manifest_with_five_mistakes_prints_five_error_lines_and_exits_2()
    {
        var path = Path.Combine(TestContext.TestRunResultsDirectory ?? Path.GetTempPath(), $"five-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, FiveMistakes.Text, TestContext.CancellationToken);
        try
        {
            var (code, output, error) = await Run("plan", path);

            Assert.AreEqual(ExitCodes.UsageError, code);
            Assert.AreEqual(string.Empty, output, "nothing is planned on error");
            var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.HasCount(6, lines, error);
            for (var i = 0; i < 5; i++)
            {
                Assert.StartsWith(FiveMistakes.ExpectedPrefixes[i].Replace("bad.yaml", path, StringComparison.Ordinal) + ": ", lines[i]);
            }

            Assert.AreEqual($"bottle: 5 error(s) in {path}; nothing was done", lines[5]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public async Task A_missing_manifest_is_a_usage_error()
    {
        var (code, _, error) = await Run("plan", "/nonexistent/bottle.yaml");

        Assert.AreEqual(ExitCodes.UsageError, code);
        Assert.Contains("/nonexistent/bottle.yaml:1:1: cannot read the manifest", error);
    }

    [TestMethod]
    [DataRow("plan")]
    [DataRow("plan", "x.yaml", "--format", "yaml")]
    [DataRow("plan", "x.yaml", "--bogus")]
    [DataRow("frobnicate")]
    [DataRow()]
    public async Task Command_line_errors_exit_2(params string[] args)
    {
        var (code, output, error) = await Run(args);

        Assert.AreEqual(ExitCodes.UsageError, code, output + error);
        Assert.StartsWith("bottle: ", error);
        Assert.Contains("Run 'bottle --help' for usage.", error);
    }

    [TestMethod]
    [DataRow("publish", "bottles/hello.yaml")]
    public async Task Verbs_not_built_yet_say_so_and_exit_1(params string[] args)
    {
        var (code, output, error) = await Run(args);

        Assert.AreEqual(ExitCodes.RuntimeFailure, code);
        Assert.AreEqual(string.Empty, output);
        Assert.StartsWith($"bottle: '{args[0]}' is not built yet", error);
    }

    [TestMethod]
    public async Task Prune_help_names_its_image_removal_and_its_options()
    {
        var (code, output, _) = await Run("prune", "--help");

        Assert.AreEqual(0, code);
        Assert.Contains("--dry-run", output);
        Assert.Contains("--keep-images", output);
        Assert.Contains("bottle-sidecars, bottle-agent, bottle-agent-claude", output);
    }

    [TestMethod]
    [DataRow("up")]
    [DataRow("plan")]
    [DataRow("down")]
    [DataRow("ls")]
    [DataRow("prune")]
    [DataRow("attach")]
    [DataRow("exec")]
    [DataRow("run")]
    [DataRow("apply")]
    [DataRow("publish")]
    public async Task Every_verb_has_help(string verb)
    {
        var (code, output, _) = await Run(verb, "--help");

        Assert.AreEqual(0, code);
        // The root's name is the host executable's ("bottle" when run for real, the test host here).
        Assert.MatchesRegex($@"Usage:\s+\S+ {verb}\b", output);
        Assert.Contains("Description:", output);
    }
}
