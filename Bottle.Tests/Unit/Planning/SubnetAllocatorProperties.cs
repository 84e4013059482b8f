using Bottle.AppHost.Planning;
using FsCheck;
using FsCheck.Fluent;

namespace Bottle.Tests.Unit.Planning;

[TestClass]
public sealed class SubnetAllocatorProperties
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(1000);

    [TestMethod]
    public void Octet_is_in_range_and_never_17() =>
        Prop.ForAll<string, int>((slug, salt) =>
        {
            var octet = SubnetAllocator.ThirdOctet(slug ?? string.Empty, salt);
            return octet is >= 1 and <= 254 && octet != 17;
        }).Check(Config);

    [TestMethod]
    public void Octet_is_stable() =>
        Prop.ForAll<string, int>((slug, salt) =>
            SubnetAllocator.ThirdOctet(slug ?? string.Empty, salt) == SubnetAllocator.ThirdOctet(new string((slug ?? string.Empty).ToCharArray()), salt))
        .Check(Config);

    [TestMethod]
    public void Changing_the_salt_re_rolls_the_octet() =>
        // Any one pair of salts collides with probability 1/253; across 8 salts at least two values differ
        // unless the hash is broken (all 8 equal: 253^-7).
        Prop.ForAll<string, int>((slug, salt) =>
            Enumerable.Range(0, 8).Select(i => SubnetAllocator.ThirdOctet(slug ?? string.Empty, salt + i)).Distinct().Count() > 1)
        .Check(Config);

    [TestMethod]
    public void Octets_spread_over_the_whole_range()
    {
        // Every usable value is reachable (the mapping skips 17 without losing 254).
        var seen = Enumerable.Range(0, 20_000).Select(i => SubnetAllocator.ThirdOctet("bottle", i)).ToHashSet();

        Assert.HasCount(253, seen);
        Assert.DoesNotContain(17, seen);
        Assert.Contains(254, seen);
        Assert.Contains(1, seen);
    }
}
