using Bottle.AppHost.Hosting.ApplicationModel;

namespace Bottle.Tests.Unit.Hosting;

/// <summary>A resource run by <see cref="SignallingRunner"/>.</summary>
internal sealed class SignallingResource(string name) : Resource(name);
