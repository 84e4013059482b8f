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

        await ComposeTeardown.RunAsync(target, Log, cancellationToken);
        var metadata = await new BottleStateWriter(timeProvider).WriteAsync(plan, project.StateDirectory, project.Detached, Log, cancellationToken);
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
