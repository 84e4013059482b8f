namespace Bottle.AppHost.Manifest;

/// <summary>Where a credential's real value comes from. Describes the source only; never holds the value.</summary>
/// <param name="Kind">Environment variable, file or command.</param>
/// <param name="Value">The variable name, the absolute file path, or the shell command.</param>
public sealed record CredentialSource(CredentialSourceKind Kind, string Value);
