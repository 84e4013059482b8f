using System.Runtime.Versioning;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;

namespace Bottle.Tests.Unit.Agent;

/// <summary>
/// A bare repository served over git's "dumb" HTTP protocol (plain static files after
/// <c>git update-server-info</c>) by Kestrel on loopback: a real http remote to clone from, standing in for git-gate.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal sealed class DumbHttpGitServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private DumbHttpGitServer(WebApplication app, string url)
    {
        this.app = app;
        Url = url;
    }

    /// <summary>The clone URL of <c>origin.git</c>.</summary>
    public string Url { get; }

    /// <summary>Creates <c>origin.git</c> with one commit adding <paramref name="file"/> and serves it.</summary>
    public static async Task<DumbHttpGitServer> StartAsync(TempDirectory temp, IDictionary<string, string> gitEnv, string file)
    {
        var root = Directory.CreateDirectory(temp["served"]).FullName;
        await GitRewritesTests.GitAsync(gitEnv, temp.Path, "init", "-q", "-b", "main", "seed");
        File.WriteAllText(Path.Combine(temp["seed"], file), "seeded\n");
        await GitRewritesTests.GitAsync(gitEnv, temp["seed"], "add", ".");
        await GitRewritesTests.GitAsync(gitEnv, temp["seed"], "-c", "user.name=t", "-c", "user.email=t@example.test", "commit", "-q", "-m", "seed");
        await GitRewritesTests.GitAsync(gitEnv, temp.Path, "clone", "-q", "--bare", "seed", Path.Combine(root, "origin.git"));
        await GitRewritesTests.GitAsync(gitEnv, Path.Combine(root, "origin.git"), "update-server-info");

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(root), ServeUnknownFileTypes = true });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new DumbHttpGitServer(app, $"{address}/origin.git");
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
