namespace Bottle.AppHost.Manifest;

/// <summary>Where on the host a credential's real value is read from, at launch (never at plan).</summary>
public enum CredentialSourceKind
{
    /// <summary>An environment variable of the process running <c>bottle</c>.</summary>
    Env,

    /// <summary>A file on the host.</summary>
    File,

    /// <summary>The standard output of a shell command (e.g. a password manager CLI).</summary>
    Command,
}
