using System.Net;
using Bottle.Sidecars.Net;

namespace Bottle.Tests.Unit.Net;

[TestClass]
public sealed class AddressClassifierTests
{
    [TestMethod]
    [DataRow("8.8.8.8", AddressCategory.Public)]
    [DataRow("1.1.1.1", AddressCategory.Public)]
    [DataRow("100.63.255.255", AddressCategory.Public)]
    [DataRow("100.128.0.0", AddressCategory.Public)]
    [DataRow("172.15.255.255", AddressCategory.Public)]
    [DataRow("172.32.0.0", AddressCategory.Public)]
    [DataRow("0.0.0.0", AddressCategory.Unspecified)]
    [DataRow("0.1.2.3", AddressCategory.Unspecified)]
    [DataRow("127.0.0.1", AddressCategory.Loopback)]
    [DataRow("127.255.255.254", AddressCategory.Loopback)]
    [DataRow("10.0.0.1", AddressCategory.Private)]
    [DataRow("172.16.0.1", AddressCategory.Private)]
    [DataRow("172.31.255.255", AddressCategory.Private)]
    [DataRow("192.168.1.1", AddressCategory.Private)]
    [DataRow("100.64.0.1", AddressCategory.SharedAddressSpace)]
    [DataRow("100.127.255.255", AddressCategory.SharedAddressSpace)]
    [DataRow("169.254.1.1", AddressCategory.LinkLocal)]
    [DataRow("169.254.169.254", AddressCategory.Metadata)]
    [DataRow("224.0.0.1", AddressCategory.Multicast)]
    [DataRow("239.255.255.250", AddressCategory.Multicast)]
    [DataRow("255.255.255.255", AddressCategory.Broadcast)]
    [DataRow("240.0.0.1", AddressCategory.Reserved)]
    [DataRow("192.0.2.1", AddressCategory.Reserved)]
    [DataRow("198.18.0.1", AddressCategory.Reserved)]
    [DataRow("2606:4700::1111", AddressCategory.Public)]
    [DataRow("::", AddressCategory.Unspecified)]
    [DataRow("::1", AddressCategory.Loopback)]
    [DataRow("fe80::1", AddressCategory.LinkLocal)]
    [DataRow("fc00::1", AddressCategory.UniqueLocal)]
    [DataRow("fd12:3456::1", AddressCategory.UniqueLocal)]
    [DataRow("fec0::1", AddressCategory.UniqueLocal)]
    [DataRow("fd00:ec2::254", AddressCategory.Metadata)]
    [DataRow("ff02::1", AddressCategory.Multicast)]
    [DataRow("2001:db8::1", AddressCategory.Reserved)]
    [DataRow("2001:0:4136:e378:8000:63bf:3fff:fdd2", AddressCategory.Reserved)]
    // IPv4 hidden in IPv6 is judged by the IPv4 address inside.
    [DataRow("::ffff:127.0.0.1", AddressCategory.Loopback)]
    [DataRow("::ffff:10.1.2.3", AddressCategory.Private)]
    [DataRow("::ffff:169.254.169.254", AddressCategory.Metadata)]
    [DataRow("::ffff:100.64.0.1", AddressCategory.SharedAddressSpace)]
    [DataRow("::ffff:0.0.0.0", AddressCategory.Unspecified)]
    [DataRow("::ffff:8.8.8.8", AddressCategory.Public)]
    [DataRow("::127.0.0.1", AddressCategory.Loopback)]
    [DataRow("64:ff9b::a9fe:a9fe", AddressCategory.Metadata)]
    [DataRow("64:ff9b::808:808", AddressCategory.Public)]
    [DataRow("2002:c0a8:0101::1", AddressCategory.Private)]
    [DataRow("2002:0808:0808::1", AddressCategory.Public)]
    public void Classifies(string address, AddressCategory expected) =>
        Assert.AreEqual(expected, AddressClassifier.Classify(IPAddress.Parse(address)).Category, address);

    [TestMethod]
    public void A_scoped_link_local_address_is_still_link_local() =>
        Assert.AreEqual(AddressCategory.LinkLocal, AddressClassifier.Classify(IPAddress.Parse("fe80::1%2")).Category);
}
