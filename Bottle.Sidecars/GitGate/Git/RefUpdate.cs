namespace Bottle.Sidecars.GitGate.Git;

/// <summary>One ref update of a push, as git's pre-receive hook receives it.</summary>
/// <param name="OldId">The ref's current object id in the mirror (all zeros when the ref is new).</param>
/// <param name="NewId">The pushed object id (all zeros for a deletion).</param>
/// <param name="RefName">The full ref name, e.g. <c>refs/heads/bottle/fix</c>.</param>
public sealed record RefUpdate(string OldId, string NewId, string RefName)
{
    /// <summary>True when the ref does not exist yet.</summary>
    public bool IsCreate => IsZero(OldId);

    /// <summary>True when the push deletes the ref.</summary>
    public bool IsDelete => IsZero(NewId);

    /// <summary>True for refs under <c>refs/tags/</c>.</summary>
    public bool IsTag => RefName.StartsWith("refs/tags/", StringComparison.Ordinal);

    /// <summary>Parses a pre-receive line <c>&lt;old&gt; &lt;new&gt; &lt;ref&gt;</c>, or says what is wrong with it.</summary>
    public static bool TryParse(string line, out RefUpdate? update, out string? error)
    {
        ArgumentNullException.ThrowIfNull(line);
        update = null;
        var parts = line.Split(' ');
        if (parts.Length != 3 || !IsObjectId(parts[0]) || !IsObjectId(parts[1]) || !parts[2].StartsWith("refs/", StringComparison.Ordinal))
        {
            error = $"malformed ref update line '{(line.Length > 200 ? line[..200] : line)}' (want '<old-id> <new-id> refs/...')";
            return false;
        }

        update = new RefUpdate(parts[0], parts[1], parts[2]);
        error = null;
        return true;
    }

    private static bool IsZero(string id) => id.All(c => c == '0');

    /// <summary>True for a full SHA-1 or SHA-256 object id in lower-case hex.</summary>
    public static bool IsObjectId(string id) =>
        id.Length is 40 or 64 && id.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}
