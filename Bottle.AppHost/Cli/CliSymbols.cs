using System.CommandLine;

namespace Bottle.AppHost.Cli;

/// <summary>Arguments and options several verbs share, made fresh for each command (symbols have one parent).</summary>
internal static class CliSymbols
{
    public static Argument<string> Manifest() => new("manifest") { Description = "The bottle manifest (e.g. bottles/hello.yaml)." };

    public static Argument<string> Target() =>
        new("bottle") { Description = "A running bottle: its manifest path or its slug (see 'bottle ls')." };

    public static Option<PlanFormat> Format(string what) =>
        new("--format") { Description = $"How to print {what}: json or text.", DefaultValueFactory = _ => PlanFormat.Json };

    public static Option<bool> Yes() => new("--yes", "-y") { Description = "Do not ask for confirmation." };
}
