namespace Bottle.Sidecars.Configuration;

/// <summary>What DLP does with a finding.</summary>
public enum DlpMode
{
    /// <summary>Refuse the request or push (the default).</summary>
    Block,

    /// <summary>Let it through and tell the agent and the audit log.</summary>
    Warn,

    /// <summary>Let it through and record it in the audit log only.</summary>
    Audit,
}
