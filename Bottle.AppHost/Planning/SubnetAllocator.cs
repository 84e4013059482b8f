using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Bottle.AppHost.Planning;

/// <summary>
/// Derives the third octet of a bottle's subnets (<c>10.201.N.0/24</c>, <c>10.202.N.0/24</c>, <c>10.203.N.0/24</c>)
/// from its slug, so the plan can name addresses before any network exists. Deterministic; in 1..254; never 17,
/// Docker's default bridge octet. Two bottles can still draw the same octet: the manifest's <c>network.salt</c>
/// re-rolls it.
/// </summary>
public static class SubnetAllocator
{
    /// <summary>The octet never returned (Docker's default <c>172.17.0.0/16</c> bridge).</summary>
    public const int ExcludedOctet = 17;

    /// <summary>The third octet for <paramref name="slug"/> and <paramref name="salt"/>: SHA-256(<c>slug:salt</c>) mapped onto 1..254 without 17.</summary>
    public static int ThirdOctet(string slug, int salt)
    {
        ArgumentNullException.ThrowIfNull(slug);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{slug}:{salt}"), hash);

        // 253 usable values (1..254 less 17); the modulo bias over 2^32 is below one in ten million.
        var index = (int)(BinaryPrimitives.ReadUInt32BigEndian(hash) % 253) + 1;
        return index >= ExcludedOctet ? index + 1 : index;
    }
}
