namespace Bottle.Sidecars.GitGate.Scanning;

/// <summary>
/// The secret detector git-gate runs over added text: the seam to the DLP engine, so the push gate does not
/// depend on how rules are written. Implementations must be thread-safe.
/// </summary>
public interface ISecretScanner
{
    /// <summary>Finds secrets in <paramref name="text"/> (added lines joined with '\n'); offsets index into it.</summary>
    IReadOnlyList<SecretMatch> Scan(string text);
}
