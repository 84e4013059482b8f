using Bottle.AppHost.Manifest;

namespace Bottle.AppHost.Runtimes.Compose;

/// <summary>
/// Reads a credential's real value from its source (environment variable, file, or a command's stdout) at launch.
/// Errors name the credential and the source, never the value; values are never logged.
/// </summary>
public static class CredentialReader
{
    /// <summary>The value of credential <paramref name="name"/>, trailing newlines removed.</summary>
    /// <exception cref="InvalidOperationException">The source is missing, unreadable, failing or empty.</exception>
    public static async Task<string> ReadAsync(string name, CredentialSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(source);
        var value = source.Kind switch
        {
            CredentialSourceKind.Env => Environment.GetEnvironmentVariable(source.Value)
                ?? throw new InvalidOperationException($"credential '{name}': environment variable '{source.Value}' is not set"),
            CredentialSourceKind.File => await ReadFileAsync(name, source.Value, cancellationToken),
            CredentialSourceKind.Command => await RunCommandAsync(name, source.Value, cancellationToken),
            _ => throw new InvalidOperationException($"credential '{name}': unknown source kind '{source.Kind}'"),
        };
        value = value.TrimEnd('\r', '\n');
        return value.Length > 0
            ? value
            : throw new InvalidOperationException($"credential '{name}': its {source.Kind.ToString().ToLowerInvariant()} source '{source.Value}' gave an empty value");
    }

    private static async Task<string> ReadFileAsync(string name, string path, CancellationToken cancellationToken)
    {
        try
        {
            // The manifest keeps '~/' paths as written (the plan is the same on every machine); home is the launching user's.
            return await File.ReadAllTextAsync(HostPaths.ExpandHome(path), cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"credential '{name}': cannot read file '{path}': {ex.Message}", ex);
        }
    }

    private static async Task<string> RunCommandAsync(string name, string command, CancellationToken cancellationToken)
    {
        var result = await DockerCli.RunProgramAsync("/bin/sh", ["-c", command], cancellationToken);

        // Only the exit code: a failing password manager may print part of a secret on stderr.
        return result.Succeeded
            ? result.StdOut
            : throw new InvalidOperationException($"credential '{name}': command '{command}' exited with code {result.ExitCode}");
    }
}
