using System.Net;
using Bottle.Sidecars.Hosting;

namespace Bottle.Tests.Unit.SidecarHosting;

[TestClass]
public sealed class AdminListenersTests
{
    [TestMethod]
    public void A_sidecar_network_address_is_bound_with_loopback_for_the_probe()
    {
        var bound = AdminListeners.For([IPAddress.Parse("10.201.7.3")]);

        CollectionAssert.AreEqual(new[] { IPAddress.Loopback, IPAddress.Parse("10.201.7.3") }, bound.ToArray());
    }

    [TestMethod]
    public void Roles_sharing_a_process_bind_each_of_their_addresses_once()
    {
        var bound = AdminListeners.For([IPAddress.Parse("10.201.7.3"), IPAddress.Parse("10.201.7.4"), IPAddress.Parse("10.201.7.3"), IPAddress.Loopback]);

        CollectionAssert.AreEqual(new[] { IPAddress.Loopback, IPAddress.Parse("10.201.7.3"), IPAddress.Parse("10.201.7.4") }, bound.ToArray());
    }

    [TestMethod]
    public void Only_a_config_that_names_all_addresses_gets_them()
    {
        Assert.AreEqual(IPAddress.IPv6Any, AdminListeners.For([IPAddress.Parse("10.201.7.3"), IPAddress.Any]).Single());
        Assert.IsFalse(AdminListeners.For([IPAddress.Parse("10.201.7.3")]).Any(a => a.Equals(IPAddress.Any) || a.Equals(IPAddress.IPv6Any)));
    }
}
