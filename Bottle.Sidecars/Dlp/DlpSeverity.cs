namespace Bottle.Sidecars.Dlp;

/// <summary>How bad a leak of what a rule finds would be.</summary>
public enum DlpSeverity
{
    /// <summary>Worth a look; rarely grants access by itself.</summary>
    Low,

    /// <summary>Grants limited access (a scoped or test credential, a webhook).</summary>
    Medium,

    /// <summary>Grants access to an account or its data.</summary>
    High,

    /// <summary>Grants broad or administrative access (cloud root keys, private keys).</summary>
    Critical,
}
