namespace Bottle.Tests.Integration.Attach;

/// <summary>A terminal's modes as tcgetattr reports them: the two a raw-mode program turns off, and every byte of the termios.</summary>
/// <param name="Echo">ECHO: typed keys are echoed.</param>
/// <param name="Canonical">ICANON: input comes a line at a time, with line editing.</param>
/// <param name="Settings">The whole <c>struct termios</c> in hex, so "restored" means every setting, not just these two.</param>
internal sealed record TerminalModes(bool Echo, bool Canonical, string Settings);
