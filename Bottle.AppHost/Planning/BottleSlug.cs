using System.Security.Cryptography;
using System.Text;

namespace Bottle.AppHost.Planning;

/// <summary>A bottle's stable id: <c>&lt;name&gt;-&lt;6 hex of SHA-256("name\0instance")&gt;</c>, e.g. <c>implementer-3fa2c1</c>.</summary>
public static class BottleSlug
{
    /// <summary>The slug for bottle <paramref name="name"/>, instance <paramref name="instance"/>.</summary>
    public static string Create(string name, string instance)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(instance);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name + "\0" + instance));
        return $"{name}-{Convert.ToHexStringLower(hash)[..6]}";
    }
}
