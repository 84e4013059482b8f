namespace Bottle.Tests.Integration.Infrastructure;

/// <summary>
/// The base every Bottle Dockerfile starts from. No registry is reachable here, so it is made once per
/// machine by eng/ensure-base-image.sh (debootstrap + docker import); tests only check it is there.
/// </summary>
internal static class BaseImage
{
    public const string Name = "debian:bookworm-slim";

    public static async Task RequireAsync()
    {
        var inspect = await DockerCommand.RunAsync("image", "inspect", "--format", "{{.Id}}", Name);
        if (inspect.ExitCode == 0)
        {
            return;
        }

        var message = $"base image {Name} is missing; run eng/ensure-base-image.sh as root";
        if (DockerEngine.IsRequired)
        {
            Assert.Fail(message);
        }

        Assert.Inconclusive(message);
    }
}
