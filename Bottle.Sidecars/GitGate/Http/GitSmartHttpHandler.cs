using System.IO.Compression;
using System.Text;
using Bottle.Sidecars.GitGate.Git;
using Bottle.Sidecars.GitGate.Mirrors;
using Bottle.Sidecars.GitGate.Push;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Bottle.Sidecars.GitGate.Http;

/// <summary>
/// Git's smart HTTP protocol over the mirrors, served by the real git (<c>upload-pack</c> / <c>receive-pack</c>
/// with <c>--stateless-rpc</c>), bodies streamed both ways. Fetches refresh the mirror from the real remote
/// first; pushes run under the remote's lock with a one-time token the pre-receive hook uses to reach the gate.
/// </summary>
internal sealed class GitSmartHttpHandler(
    GitGateOptions options,
    MirrorStore mirrors,
    GitRunner git,
    PushSessionRegistry sessions,
    PreReceiveListener listener,
    GitGateMetrics metrics,
    ILogger<GitSmartHttpHandler> logger)
{
    private const string UploadPack = "git-upload-pack";
    private const string ReceivePack = "git-receive-pack";

    /// <summary>GET <c>/{remote}.git/info/refs?service=...</c>: the ref advertisement.</summary>
    public async Task InfoRefsAsync(HttpContext context, string remoteName)
    {
        ArgumentNullException.ThrowIfNull(context);
        var service = context.Request.Query["service"].ToString();
        if (service is not (UploadPack or ReceivePack))
        {
            await PlainAsync(context, StatusCodes.Status403Forbidden, "git-gate serves only git's smart HTTP protocol (info/refs?service=git-upload-pack or git-receive-pack)");
            return;
        }

        var remote = await FindAsync(context, remoteName);
        if (remote is null)
        {
            return;
        }

        if (service == UploadPack && !await RefreshAsync(context, remote))
        {
            return;
        }

        var version2 = service == UploadPack && WantsProtocolV2(context);
        context.Response.ContentType = $"application/x-{service}-advertisement";
        if (!version2)
        {
            // Protocol v0/v1 over HTTP starts with the service announcement; v2 starts with its capabilities.
            var announcement = $"# service={service}\n";
            await context.Response.WriteAsync($"{announcement.Length + 4:x4}{announcement}0000", context.RequestAborted);
        }

        await RunAsync(context, remote, service, ["--stateless-rpc", "--advertise-refs", mirrors.PathOf(remote)], Environment(version2), input: null);
    }

    /// <summary>POST <c>/{remote}.git/git-upload-pack</c> or <c>git-receive-pack</c>.</summary>
    public async Task ServiceAsync(HttpContext context, string remoteName, string service)
    {
        ArgumentNullException.ThrowIfNull(context);
        var remote = await FindAsync(context, remoteName);
        if (remote is null)
        {
            return;
        }

        if (!string.Equals(context.Request.ContentType, $"application/x-{service}-request", StringComparison.OrdinalIgnoreCase))
        {
            await PlainAsync(context, StatusCodes.Status415UnsupportedMediaType, $"expected Content-Type application/x-{service}-request");
            return;
        }

        var encoding = context.Request.Headers.ContentEncoding.ToString();
        if (encoding is not ("" or "gzip" or "x-gzip"))
        {
            await PlainAsync(context, StatusCodes.Status415UnsupportedMediaType, $"unsupported Content-Encoding '{encoding}' (git sends gzip or nothing)");
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.MaxRequestBytes;
        }

        await using var input = encoding.Length == 0
            ? context.Request.Body
            : new GZipStream(context.Request.Body, CompressionMode.Decompress, leaveOpen: true);
        var arguments = new[] { "--stateless-rpc", mirrors.PathOf(remote) };
        if (service == UploadPack)
        {
            await RunAsync(context, remote, service, arguments, Environment(WantsProtocolV2(context)), input);
            return;
        }

        // One push per remote at a time, and no refresh while a push may move the mirror's refs.
        using var held = await mirrors.LockAsync(remote, context.RequestAborted);
        using var session = sessions.Register(remote);
        Dictionary<string, string> environment = new(StringComparer.Ordinal)
        {
            [PreReceiveHook.PortVariable] = listener.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [PreReceiveHook.TokenVariable] = session.Token,
        };
        await RunAsync(context, remote, service, arguments, environment, input);
    }

    private async Task<GitGateRemoteOptions?> FindAsync(HttpContext context, string remoteName)
    {
        var remote = options.FindRemote(remoteName);
        if (remote is null)
        {
            await PlainAsync(context, StatusCodes.Status404NotFound, $"git-gate has no remote named '{remoteName}'");
            return null;
        }

        if (!mirrors.IsReady(remote))
        {
            var why = mirrors.Errors.GetValueOrDefault(remote.Name) ?? "not ready";
            await PlainAsync(context, StatusCodes.Status503ServiceUnavailable, $"git-gate's mirror of '{remote.Name}' is not ready: {why}");
            return null;
        }

        return remote;
    }

    private async Task<bool> RefreshAsync(HttpContext context, GitGateRemoteOptions remote)
    {
        try
        {
            using (await mirrors.LockAsync(remote, context.RequestAborted))
            {
                await mirrors.RefreshAsync(remote, context.RequestAborted);
            }

            metrics.Fetch(remote.Name);
            return true;
        }
        catch (GitCommandException ex)
        {
            // Serving a stale mirror would hide other people's pushes; say so instead.
            GitGateLog.RefreshFailed(logger, remote.Name, ex.Message);
            await PlainAsync(context, StatusCodes.Status502BadGateway, $"git-gate could not refresh '{remote.Name}' from the real remote: {ex.Message}");
            return false;
        }
    }

    private async Task RunAsync(
        HttpContext context,
        GitGateRemoteOptions remote,
        string service,
        string[] arguments,
        Dictionary<string, string> environment,
        Stream? input)
    {
        var cancellationToken = context.RequestAborted;
        var info = git.CreateStartInfo(mirrors.PathOf(remote), [service["git-".Length..], .. arguments], environment);
        using var process = git.Start(info);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        var feed = FeedAsync(process.StandardInput.BaseStream, input, cancellationToken);
        if (!context.Response.HasStarted)
        {
            context.Response.ContentType ??= $"application/x-{service}-result";
            context.Response.Headers.CacheControl = "no-cache";
        }

        try
        {
            await process.StandardOutput.BaseStream.CopyToAsync(context.Response.Body, cancellationToken);
            await feed;
            await GitRunner.WaitForExitAsync(process, cancellationToken);
        }
        finally
        {
            GitRunner.Kill(process);
        }

        if (process.ExitCode != 0)
        {
            var error = (await stderr).Trim();
            GitGateLog.ServiceFailed(logger, service, remote.Name, process.ExitCode, error);
            if (!context.Response.HasStarted)
            {
                await PlainAsync(context, StatusCodes.Status500InternalServerError, $"git {service} failed: {error}");
            }
        }
    }

    private static async Task FeedAsync(Stream stdin, Stream? input, CancellationToken cancellationToken)
    {
        try
        {
            if (input is not null)
            {
                await input.CopyToAsync(stdin, cancellationToken);
            }
        }
        catch (IOException)
        {
            // git stopped reading (it exits and reports why on stderr / in its response); nothing more to send.
        }
        finally
        {
            try
            {
                await stdin.DisposeAsync();
            }
            catch (IOException)
            {
                // Broken pipe on close: same as above.
            }
        }
    }

    private static Dictionary<string, string> Environment(bool version2) =>
        version2 ? new(StringComparer.Ordinal) { ["GIT_PROTOCOL"] = "version=2" } : new(StringComparer.Ordinal);

    private static bool WantsProtocolV2(HttpContext context) =>
        context.Request.Headers["Git-Protocol"].ToString().Split(':').Contains("version=2", StringComparer.Ordinal);

    private static async Task PlainAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(message + "\n", Encoding.UTF8, context.RequestAborted);
    }
}
