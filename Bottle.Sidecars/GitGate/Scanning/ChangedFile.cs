namespace Bottle.Sidecars.GitGate.Scanning;

/// <summary>One entry of <c>git log --raw</c>: a file a commit changes, with the new side's mode and blob id.</summary>
/// <param name="Status">git's status letter: A added, M modified, D deleted, T type changed.</param>
/// <param name="NewMode">The new side's mode (<c>100644</c>, <c>120000</c> for a symlink, <c>160000</c> for a submodule, <c>000000</c> when deleted).</param>
/// <param name="NewId">The new side's object id (all zeros when deleted).</param>
/// <param name="Path">The path in the repository.</param>
internal sealed record ChangedFile(char Status, string NewMode, string NewId, string Path)
{
    /// <summary>
    /// True when every line of the new side is an added line (a new file, or one whose type changed, which git
    /// diffs as a deletion plus an addition), so the whole blob is scanned without a diff. Submodules have no content here.
    /// </summary>
    public bool IsWholeNewBlob => Status is 'A' or 'T' && NewMode != "160000" && NewMode != "000000";
}
