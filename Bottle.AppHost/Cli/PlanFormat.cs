namespace Bottle.AppHost.Cli;

/// <summary>How <c>plan</c> prints the plan.</summary>
public enum PlanFormat
{
    /// <summary>The JSON plan (the machine form, documented in the README).</summary>
    Json,

    /// <summary>A short summary for people.</summary>
    Text,
}
