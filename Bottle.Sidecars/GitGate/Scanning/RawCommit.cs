namespace Bottle.Sidecars.GitGate.Scanning;

/// <summary>A new commit of a push and the files it changes (against its first parent).</summary>
internal sealed record RawCommit(string Id, IReadOnlyList<ChangedFile> Files);
