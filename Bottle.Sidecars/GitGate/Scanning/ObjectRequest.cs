namespace Bottle.Sidecars.GitGate.Scanning;

/// <summary>An object asked of <c>git cat-file --batch</c>: a new commit (for its message) or a blob it adds whole.</summary>
/// <param name="Id">The object's id.</param>
/// <param name="Commit">The commit it belongs to (the first that adds it, for a blob).</param>
/// <param name="IsBlob">True for a blob, false for the commit itself.</param>
internal sealed record ObjectRequest(string Id, string Commit, bool IsBlob);
