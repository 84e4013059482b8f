namespace Bottle.AppHost.Planning;

/// <summary>The fixed address layout of a bottle's three /24 networks, all sharing one third octet.</summary>
internal sealed class Addresses(int octet)
{
    public const int AgentNet = 201;
    public const int SidecarNet = 202;
    public const int OutNet = 203;

    public string PipelockOnAgent => At(AgentNet, 2);

    public string GitGateOnAgent => At(AgentNet, 3);

    public string AgentOnAgent => At(AgentNet, 10);

    public string PipelockOnSidecar => At(SidecarNet, 2);

    public string GitGateOnSidecar => At(SidecarNet, 3);

    public string EgressOnSidecar => At(SidecarNet, 4);

    public string EgressOnOut => At(OutNet, 2);

    public string Subnet(int network) => $"10.{network}.{octet}.0/24";

    public string At(int network, int host) => $"10.{network}.{octet}.{host}";
}
