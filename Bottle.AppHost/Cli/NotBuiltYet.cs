using System.CommandLine;

namespace Bottle.AppHost.Cli;

/// <summary>The honest answer of a verb whose behaviour does not exist yet: say so, exit 1, do nothing.</summary>
internal static class NotBuiltYet
{
    public static int Report(ParseResult parseResult, string verb, string? hint = null)
    {
        parseResult.InvocationConfiguration.Error.WriteLine($"bottle: '{verb}' is not built yet{(hint is null ? string.Empty : $" ({hint})")}");
        return ExitCodes.RuntimeFailure;
    }
}
