namespace Bottle.Sidecars.Dlp;

/// <summary>What a caller does with DLP findings.</summary>
public enum DlpMode
{
    /// <summary>Deny the request (the default: fail closed).</summary>
    Block,

    /// <summary>Let the request through and log a warning with the redacted findings.</summary>
    Warn,

    /// <summary>Let the request through and record the findings in the audit log only.</summary>
    Audit,
}
