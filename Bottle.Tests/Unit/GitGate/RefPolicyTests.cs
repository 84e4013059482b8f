using Bottle.Sidecars.GitGate;
using Bottle.Sidecars.GitGate.Git;
using Bottle.Sidecars.GitGate.Policy;

namespace Bottle.Tests.Unit.GitGate;

[TestClass]
public sealed class RefPolicyTests
{
    private static readonly string Zero = new('0', 40);
    private static readonly string Old = new('a', 40);
    private static readonly string New = new('b', 40);

    private static readonly GitGateRemoteOptions Closed = new() { Name = "origin", Url = "/x", PushRefPatterns = ["refs/heads/bottle/*"] };

    [TestMethod]
    [DataRow("refs/heads/bottle/*", "refs/heads/bottle/x", true)]
    [DataRow("refs/heads/bottle/*", "refs/heads/bottle/a/b", true)]
    [DataRow("refs/heads/bottle/*", "refs/heads/bottlex", false)]
    [DataRow("refs/heads/bottle/*", "refs/heads/main", false)]
    [DataRow("refs/heads/main", "refs/heads/main", true)]
    [DataRow("refs/heads/main", "refs/heads/main2", false)]
    [DataRow("refs/heads/*-wip", "refs/heads/x-wip", true)]
    [DataRow("refs/heads/*-wip", "refs/heads/x-wip2", false)]
    [DataRow("refs/heads/a*b*c", "refs/heads/abc", true)]
    [DataRow("refs/heads/a*b*c", "refs/heads/ac", false)]
    public void Glob_matches_like_a_refspec(string pattern, string refName, bool expected) =>
        Assert.AreEqual(expected, RefPolicy.Matches(pattern, refName));

    [TestMethod]
    public void Closed_defaults_refuse_force_delete_and_tags_but_allow_fast_forward()
    {
        Assert.IsNull(RefPolicy.Check(Closed, new RefUpdate(Old, New, "refs/heads/bottle/x"), isFastForward: true));
        Assert.IsNull(RefPolicy.Check(Closed, new RefUpdate(Zero, New, "refs/heads/bottle/x"), isFastForward: true));
        StringAssert.Contains(RefPolicy.Check(Closed, new RefUpdate(Old, New, "refs/heads/bottle/x"), isFastForward: false), "non-fast-forward");
        StringAssert.Contains(RefPolicy.Check(Closed, new RefUpdate(Old, Zero, "refs/heads/bottle/x"), isFastForward: true), "deleting refs is not allowed");
        StringAssert.Contains(RefPolicy.Check(Closed, new RefUpdate(Zero, New, "refs/tags/v1"), isFastForward: true), "tags may not be pushed");
        StringAssert.Contains(RefPolicy.Check(Closed with { PushRefPatterns = [] }, new RefUpdate(Zero, New, "refs/heads/bottle/x"), true), "(allowed: none)");
    }

    [TestMethod]
    public void Malformed_hook_lines_are_refused_with_the_line_named()
    {
        Assert.IsFalse(RefUpdate.TryParse($"{Old} {New} HEAD", out _, out var error));
        StringAssert.Contains(error, "malformed ref update line");
        Assert.IsFalse(RefUpdate.TryParse($"{Old} xyz refs/heads/a", out _, out _));
        Assert.IsTrue(RefUpdate.TryParse($"{Zero} {New} refs/heads/a", out var update, out _));
        Assert.IsTrue(update!.IsCreate);
    }

    [TestMethod]
    public void Options_validator_names_the_bad_setting()
    {
        var errors = GitGateOptionsValidator.Validate(new GitGateOptions
        {
            StateDirectory = "/tmp/x",
            Remotes = [Closed with { Name = "bad name", PushRefPatterns = ["heads/x"] }, Closed, Closed],
        });

        Assert.IsTrue(errors.Any(e => e.Contains("remotes[0]: name 'bad name'", StringComparison.Ordinal)), string.Join('\n', errors));
        Assert.IsTrue(errors.Any(e => e.Contains("push ref pattern 'heads/x' must start with 'refs/'", StringComparison.Ordinal)));
        Assert.IsTrue(errors.Any(e => e.Contains("remote name 'origin' is used 2 times", StringComparison.Ordinal)));
    }
}
