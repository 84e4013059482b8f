using Bottle.AppHost.Hosting;
using Bottle.AppHost.Hosting.ApplicationModel;
using Bottle.AppHost.Hosting.Terminal;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using static Bottle.Tests.Unit.Hosting.HostingTestHelpers;

namespace Bottle.Tests.Unit.Hosting;

[TestClass]
public sealed class ConsoleResourceViewTests
{
    [TestMethod]
    public async Task Redirected_output_gets_one_line_per_state_change_from_the_notification_stream()
    {
        using var deadline = DeadlineSource();
        using var writer = new WatchedWriter("Finished");
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        var builder = CreateBuilder();
        builder.AddExecutable("job", "sh", ".", "-c", "exit 0");
        await using var app = builder.Build();
        var view = new ConsoleResourceView(app.Notifications(), console, TimeProvider.System);
        using var stopView = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
        var viewing = view.RunAsync(stopView.Token);

        await app.StartAsync(deadline.Token);
        await app.Notifications().WaitForResourceAsync("job", KnownResourceStates.Finished, deadline.Token);
        await app.StopAsync(deadline.Token);
        // The view reads the same ordered stream; once it printed Finished it has printed everything before it.
        await writer.Seen.WaitAsync(deadline.Token);

        await stopView.CancelAsync();
        await viewing;

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string[] expected = ["NotStarted", "Starting", "Running Healthy", "Finished"];
        CollectionAssert.AreEqual(
            expected,
            lines.Select(l => l[(l.IndexOf("(Executable) ", StringComparison.Ordinal) + "(Executable) ".Length)..].Trim()).ToArray());
    }

    [TestMethod]
    public void The_table_shows_name_type_state_with_exit_code_and_health()
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Out = new AnsiConsoleOutput(writer) });
        var resource = new ExecutableResource("db", "sh", ".");
        var running = new CustomResourceSnapshot { ResourceType = "Executable", State = ResourceStateSnapshot.For(KnownResourceStates.Running) };
        var exited = running with { State = ResourceStateSnapshot.For(KnownResourceStates.Exited), ExitCode = 3 };

        console.Write(ConsoleResourceView.BuildTable([new ResourceEvent(resource, "db", running), new ResourceEvent(resource, "job", exited)]));

        var text = writer.ToString();
        StringAssert.Matches(text, new System.Text.RegularExpressions.Regex(@"db\s+│\s+Executable\s+│\s+Running\s+│\s+Healthy"));
        StringAssert.Matches(text, new System.Text.RegularExpressions.Regex(@"job\s+│\s+Executable\s+│\s+Exited \(3\)\s+│"));
    }

    /// <summary>A thread-safe writer that signals when a text appears (the view writes from its own task).</summary>
    private sealed class WatchedWriter(string awaited) : StringWriter
    {
        private readonly TaskCompletionSource _seen = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Seen => _seen.Task;

        public override void Write(char value)
        {
            lock (_seen)
            {
                base.Write(value);
                if (value == '\n' && base.ToString().Contains(awaited, StringComparison.Ordinal))
                {
                    _seen.TrySetResult();
                }
            }
        }

        public override void Write(string? value)
        {
            foreach (var c in value ?? "")
            {
                Write(c);
            }
        }

        public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

        public override string ToString()
        {
            lock (_seen)
            {
                return base.ToString();
            }
        }
    }

    [TestMethod]
    public void AddConsoleResourceView_registers_the_view()
    {
        var builder = CreateBuilder().AddConsoleResourceView();
        using var app = builder.Build();

        Assert.IsNotNull(app.Services.GetService<ConsoleResourceView>());
    }
}
