namespace Bottle.Sidecars.Dlp.Decoding;

/// <summary>A run of base64/base64url or hex characters long enough to hide a secret.</summary>
/// <param name="Start">Index of the first character of the run.</param>
/// <param name="Length">Length of the run, including trailing '=' padding.</param>
/// <param name="IsHex">True when every character is a hex digit (the run is then decoded as hex only).</param>
internal readonly record struct EncodedRun(int Start, int Length, bool IsHex);
