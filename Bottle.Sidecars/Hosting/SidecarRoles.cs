using Bottle.Sidecars.Hosting.Roles;

namespace Bottle.Sidecars.Hosting;

/// <summary>
/// The one table of sidecar roles. Adding a role means adding one line here and one class under
/// <c>Hosting/Roles/</c>; nothing else in the host changes.
/// </summary>
public static class SidecarRoles
{
    /// <summary>The pseudo-role that runs every role in one process (tests, smolvm bundles).</summary>
    public const string AllRoleName = "all";

    /// <summary>Every role, in start-up order.</summary>
    public static IReadOnlyList<ISidecarRole> All { get; } = [new PipelockRole(), new EgressRole(), new GitGateRole()];

    /// <summary>Every name the command line accepts: each role, then <see cref="AllRoleName"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(role => role.Name), AllRoleName];

    /// <summary>Resolves a role name (exact, case-sensitive: it is also a container command) to the roles it runs.</summary>
    public static bool TryResolve(string name, out IReadOnlyList<ISidecarRole> roles)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name == AllRoleName)
        {
            roles = All;
            return true;
        }

        var role = All.FirstOrDefault(r => r.Name == name);
        roles = role is null ? [] : [role];
        return role is not null;
    }
}
