namespace Bottle.Sidecars.Dlp;

/// <summary>Where in a request (or in scanned text) a finding was made.</summary>
public enum DlpLocation
{
    /// <summary>The request URL (path and query).</summary>
    Url,

    /// <summary>A request header; <see cref="DlpFinding.Name"/> holds the header name.</summary>
    Header,

    /// <summary>The request body (after content decoding).</summary>
    Body,

    /// <summary>Plain text handed to <see cref="DlpScanner.ScanText"/>, e.g. added diff lines.</summary>
    Text,
}
