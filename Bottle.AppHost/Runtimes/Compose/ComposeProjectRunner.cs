using Bottle.AppHost.Hosting.ApplicationModel;
using Bottle.AppHost.Hosting.Logging;
using Bottle.AppHost.Hosting.Orchestration;

namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>
/// Runs <see cref="ComposeProjectResource"/>s: on start, removes whatever an earlier run of the same bottle left
/// (found by label) and writes the state directory; on stop, tears the bottle down (<see cref="ComposeTeardown"/>),
/// or lets it be when it is detached.
/// </summary>
internal sealed class ComposeProjectRunner(ResourceLoggerService logs, TimeProvider timeProvider) : IResourceRunner
{
    public string ResourceType => "ComposeProject";

    public bool CanRun(IResource resource) => resource is ComposeProjectResource;

    public async Task<IRunningResource> StartAsync(ResourceStartContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var project = (ComposeProjectResource)context.Resource;
        var plan = project.Plan;
        var target = new TeardownTarget(plan.Slug, plan.ComposeProject, project.StateDirectory, [.. plan.Networks.Select(n => n.Name)]);
        void Log(string line) => logs.WriteLine(project.Name, line, isError: false);

        // Side by side: the teardown touches only Docker objects and compose.log, the writer only its own files.
        var leftovers = ComposeTeardown.RunAsync(target, Log, cancellationToken);
        var written = new BottleStateWriter(timeProvider).WriteAsync(plan, project.StateDirectory, project.Detached, Log, cancellationToken);
        await Task.WhenAll(leftovers, written);
        var metadata = await written;
        Log($"state written to {metadata.StateDirectory}");
        return new StoppableRun(
            async ct =>
            {
                if (project.Detached)
                {
                    Log($"detached: {plan.ComposeProject} keeps running; 'bottle down {plan.Slug}' stops it");
                    return;
                }

                await ComposeTeardown.RunAsync(target, Log, ct);
            },
            [
                new("compose.project", plan.ComposeProject),
                new("compose.file", metadata.ComposeFile),
                new("bottle.stateDirectory", metadata.StateDirectory),
            ]);
    }
}
