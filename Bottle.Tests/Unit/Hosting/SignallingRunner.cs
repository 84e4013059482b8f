using System.Threading.Channels;
using Bottle.AppHost.Hosting.ApplicationModel;
using Bottle.AppHost.Hosting.Orchestration;

namespace Bottle.Tests.Unit.Hosting;

/// <summary>
/// Runs <see cref="SignallingResource"/>s: each run lives until stopped and is an <see cref="IHealthChangeSource"/>
/// whose changes the test sends through <see cref="Changes"/> (completing the writer ends the source).
/// </summary>
internal sealed class SignallingRunner : IResourceRunner
{
    public Channel<bool> Changes { get; } = Channel.CreateUnbounded<bool>();

    public string ResourceType => "Signalling";

    public bool CanRun(IResource resource) => resource is SignallingResource;

    public Task<IRunningResource> StartAsync(ResourceStartContext context, CancellationToken cancellationToken) =>
        Task.FromResult<IRunningResource>(new Run(Changes.Reader));

    private sealed class Run(ChannelReader<bool> changes) : IRunningResource, IHealthChangeSource
    {
        private readonly TaskCompletionSource<int?> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<int?> Completion => _completion.Task;

        public IReadOnlyList<ResourcePropertySnapshot> Properties => [];

        public async Task WaitForHealthChangeAsync(CancellationToken cancellationToken) => await changes.ReadAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken)
        {
            _completion.TrySetResult(0);
            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
