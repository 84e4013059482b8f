using System.Net;
using System.Text;
using Bottle.Sidecars.Configuration;
using Bottle.Sidecars.Policy;

namespace Bottle.Tests.Integration.Pipelock;

/// <summary>Live policy: reloads swap whole policies; a bad file keeps the old one and says why.</summary>
[TestClass]
public sealed class PolicyReloadTests
{
    private const string Host = PipelockTestEnvironment.Host;

    [TestMethod]
    public async Task A_valid_reload_takes_effect_for_the_next_request()
    {
        await using var env = await PipelockTestEnvironment.StartAsync();
        using var client = env.CreateClient();
        Assert.AreEqual(HttpStatusCode.Forbidden, (await client.GetAsync($"https://{Host}/v2/secret")).StatusCode);

        env.WritePolicy(Policy(extraPath: "/v2/", fillers: 0));
        var result = env.Server.ReloadPolicy();

        Assert.IsTrue(result.Applied, result.Error);
        Assert.AreEqual(2, result.Version);
        Assert.AreEqual("v2 secret", await client.GetStringAsync($"https://{Host}/v2/secret"));
    }

    [TestMethod]
    public async Task A_bad_config_keeps_the_old_policy_and_says_where_it_is_wrong()
    {
        await using var env = await PipelockTestEnvironment.StartAsync();
        using var client = env.CreateClient();

        var text = SidecarConfigJson.Serialize(env.Config).Replace("\"methods\"", "\"methdos\"", StringComparison.Ordinal);
        env.WriteConfigText(text);
        var result = env.Server.ReloadPolicy();

        Assert.IsFalse(result.Applied);
        Assert.AreEqual(1, result.Version);
        var line = text.Split('\n').ToList().FindIndex(l => l.Contains("methdos", StringComparison.Ordinal)) + 1;
        StringAssert.Contains(result.Error, $"pipelock.yaml:{line}:");
        StringAssert.Contains(result.Error, "methdos");
        Assert.AreEqual(result.Error, env.Server.GetStatus().LastReloadError);
        Assert.AreEqual("hello from upstream", await client.GetStringAsync($"https://{Host}/v1/hello"));
    }

    [TestMethod]
    public async Task Reloads_during_a_stream_of_requests_never_let_one_through_under_a_half_loaded_or_empty_policy()
    {
        await using var env = await PipelockTestEnvironment.StartAsync(Policy(extraPath: "/v3/", fillers: 40));
        using var client = env.CreateClient(h => h.MaxConnectionsPerServer = 4);

        // Broken files a careless writer or a crash could leave: empty, cut inside a quoted value, garbage.
        var valid = SidecarConfigJson.Serialize(env.Config with { Rules = Policy(extraPath: "/v4/", fillers: 40) });
        string[] broken = ["", valid[..(valid.IndexOf("api.test", StringComparison.Ordinal) + 5)], "{\"rules\": [", valid.Replace("\"GET\"", "\"G ET\"", StringComparison.Ordinal)];

        using var stop = new CancellationTokenSource();
        var applied = 0;
        var rejected = 0;
        var reloader = Task.Run(() =>
        {
            for (var i = 0; !stop.IsCancellationRequested && i < 10_000; i++)
            {
                if (i % 2 == 0)
                {
                    env.WriteConfigText(broken[i / 2 % broken.Length]);
                }
                else
                {
                    env.WritePolicy(Policy(extraPath: i % 4 == 1 ? "/v3/" : "/v4/", fillers: 40 + (i % 7)));
                }

                if (env.Server.ReloadPolicy().Applied)
                {
                    applied++;
                }
                else
                {
                    rejected++;
                }
            }
        });

        var failures = new StringBuilder();
        var requests = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; i < 60; i++)
            {
                using var allowed = await client.GetAsync($"https://{Host}/v1/hello");
                using var denied = await client.GetAsync($"https://{Host}/v2/secret");
                if (allowed.StatusCode != HttpStatusCode.OK || denied.StatusCode != HttpStatusCode.Forbidden)
                {
                    lock (failures)
                    {
                        failures.Append($"worker {worker} #{i}: /v1/hello {(int)allowed.StatusCode}, /v2/secret {(int)denied.StatusCode}\n");
                    }
                }
            }
        })).ToArray();

        await Task.WhenAll(requests);
        await stop.CancelAsync();
        await reloader;

        Assert.AreEqual("", failures.ToString());
        Assert.IsTrue(applied > 0 && rejected > 0, $"the stream saw both kinds of reload (applied {applied}, rejected {rejected})");
        Assert.AreEqual(1 + applied, env.Server.GetStatus().PolicyVersion);
        Assert.IsFalse(env.Upstream.Paths.Contains("/v2/secret"));
    }

    /// <summary>The api rule (/v1/ plus <paramref name="extraPath"/>) among <paramref name="fillers"/> unrelated rules.</summary>
    private static List<EgressRule> Policy(string extraPath, int fillers)
    {
        var rules = new List<EgressRule>();
        for (var i = 0; i < fillers / 2; i++)
        {
            rules.Add(TestRules.Host($"filler-{i}.test.local", methods: ["GET"]));
        }

        rules.Add(TestRules.Host("api.test.local", [443], ["GET", "POST"], ["/v1/", extraPath]));
        for (var i = fillers / 2; i < fillers; i++)
        {
            rules.Add(TestRules.Host($"*.filler-{i}.test.local", paths: ["/x/"]));
        }

        return rules;
    }
}
