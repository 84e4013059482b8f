using System.CommandLine;
using System.Text.Json;
using Bottle.AppHost.Runtimes.Compose;

namespace Bottle.AppHost.Cli;

/// <summary><c>bottle ls</c>: list the bottles on this machine.</summary>
internal static class LsCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    public static Command Create()
    {
        var format = new Option<PlanFormat>("--format") { Description = "How to print the list: text or json.", DefaultValueFactory = _ => PlanFormat.Text };
        var stateDir = ComposeVerbSymbols.StateDir();
        var command = new Command("ls", "List the bottles on this machine with their state and health.") { format, stateDir };
        command.SetAction(async (result, cancellationToken) =>
        {
            var output = result.InvocationConfiguration.Output;
            var bottles = await BottleInventory.ListAsync(BottleStateRoot.Resolve(result.GetValue(stateDir)), cancellationToken);
            if (result.GetValue(format) == PlanFormat.Json)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(
                    bottles.Select(b => new
                    {
                        b.Slug,
                        b.StateDirectory,
                        b.AppHostAlive,
                        Detached = b.Metadata?.Detached ?? false,
                        Orphan = b.IsOrphan,
                        b.Containers,
                        b.Networks,
                    }),
                    Json));
                return ExitCodes.Ok;
            }

            await output.WriteLineAsync($"{"SLUG",-28} {"APP HOST",-10} {"CONTAINERS",-48} NETWORKS");
            foreach (var bottle in bottles)
            {
                var host = bottle.AppHostAlive ? $"pid {bottle.Metadata!.AppHostPid}" : bottle.Metadata?.Detached == true ? "detached" : "gone";
                var containers = string.Join(" ", bottle.Containers.Select(c => $"{c.Service}:{c.State}"));
                await output.WriteLineAsync($"{bottle.Slug,-28} {host,-10} {containers,-48} {bottle.Networks.Count}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
