using System.IO.Compression;
using System.Text;
using Bottle.Sidecars.Configuration;
using Bottle.Sidecars.Dlp;
using Bottle.Sidecars.Policy;
using Bottle.Tests.Unit.Dlp.Fixtures;

namespace Bottle.Tests.Unit.Dlp;

[TestClass]
public sealed class DlpBodyScannerTests
{
    private const int Window = 4096;
    private static readonly string Secret = "sk-ant-api03-" + Fake.Alnum(93) + "AA";
    private static readonly DlpScanner Scanner = new(new DlpOptions { WindowBytes = Window, MaxBodyBytes = 1024 * 1024 });

    public static IEnumerable<object[]> Codings => [["gzip"], ["deflate"], ["br"], ["gzip, br"]];

    [TestMethod]
    public async Task Secret_deep_in_a_large_body_is_found_at_its_byte_offset()
    {
        var (body, offset) = BodyWithSecretAt(300_000);

        var result = await Scanner.ScanBodyAsync(new MemoryStream(body), null, "upload.example.test", CancellationToken.None);

        var finding = result.Findings.Single();
        Assert.AreEqual("anthropic-api-key", finding.RuleId);
        Assert.AreEqual(offset, finding.Offset);
        Assert.AreEqual(DlpLocation.Body, finding.Location);
    }

    [TestMethod]
    public async Task Secret_at_any_offset_is_found_so_window_boundaries_lose_nothing()
    {
        // Offsets sweep several window lengths with a step shorter than the secret, so some placements
        // straddle every boundary between windows wherever the scanner puts them.
        for (var offset = 1; offset < 4 * Window; offset += 37)
        {
            var (body, _) = BodyWithSecretAt(offset, total: 5 * Window);
            var result = await Scanner.ScanBodyAsync(new MemoryStream(body), null, "h.test", CancellationToken.None);
            Assert.AreEqual(offset, result.Findings.Single().Offset, $"secret at {offset}");
        }
    }

    [TestMethod]
    public async Task Secret_split_across_small_pushed_chunks_is_found_at_any_offset()
    {
        for (var offset = 1; offset < 4 * Window; offset += 53)
        {
            var (body, _) = BodyWithSecretAt(offset, total: 5 * Window);
            await using var scan = Scanner.CreateBodyScanner(null, "h.test");
            for (var i = 0; i < body.Length; i += 61)
            {
                await scan.AppendAsync(body.AsMemory(i, Math.Min(61, body.Length - i)), CancellationToken.None);
            }

            var result = await scan.CompleteAsync(CancellationToken.None);

            Assert.AreEqual(offset, result.Findings.Single().Offset, $"secret at {offset}");
            Assert.IsTrue(scan.HasFindings);
        }
    }

    [TestMethod]
    [DynamicData(nameof(Codings))]
    public async Task Compressed_body_is_decoded_before_scanning(string coding)
    {
        var (plain, _) = BodyWithSecretAt(50_000, total: 120_000);
        var compressed = Compress(plain, coding);

        var pulled = await Scanner.ScanBodyAsync(new MemoryStream(compressed), coding, "h.test", CancellationToken.None);

        await using var scan = Scanner.CreateBodyScanner(coding, "h.test");
        for (var i = 0; i < compressed.Length; i += 1000)
        {
            await scan.AppendAsync(compressed.AsMemory(i, Math.Min(1000, compressed.Length - i)), CancellationToken.None);
        }

        var pushed = await scan.CompleteAsync(CancellationToken.None);

        foreach (var result in new[] { pulled, pushed })
        {
            var finding = result.Findings.Single();
            Assert.AreEqual("anthropic-api-key", finding.RuleId);
            Assert.AreEqual(coding.Replace(", ", "+", StringComparison.Ordinal).Split('+').Reverse().Aggregate((a, b) => $"{a}+{b}"), finding.Encoding);
        }
    }

    [TestMethod]
    public async Task Base64_secret_in_a_gzip_body_is_found()
    {
        var json = Encoding.ASCII.GetBytes("{\"file\":\"" + Convert.ToBase64String(Encoding.ASCII.GetBytes("TOKEN=" + Secret)) + "\"}");

        var result = await Scanner.ScanBodyAsync(new MemoryStream(Compress(json, "gzip")), "gzip", "h.test", CancellationToken.None);

        Assert.AreEqual("gzip+base64", result.Findings.Single(f => f.RuleId == "anthropic-api-key").Encoding);
    }

    [TestMethod]
    public async Task Body_over_the_cap_is_over_cap_unless_the_host_is_exempt()
    {
        var options = new DlpOptions { WindowBytes = Window, MaxBodyBytes = 10_000, OverCapExemptHosts = [HostPattern.Parse("*.bulk.test")] };
        var scanner = new DlpScanner(options);
        var body = new byte[10_001];
        Array.Fill(body, (byte)'x');

        var denied = await scanner.ScanBodyAsync(new MemoryStream(body), null, "api.example.test", CancellationToken.None);
        var exempt = await scanner.ScanBodyAsync(new MemoryStream(body), null, "upload.bulk.test", CancellationToken.None);
        var atCap = await scanner.ScanBodyAsync(new MemoryStream(body, 0, 10_000), null, "api.example.test", CancellationToken.None);

        Assert.IsTrue(denied.OverCap);
        Assert.IsTrue(denied.ShouldBlock(DlpMode.Block));
        Assert.IsFalse(exempt.OverCap);
        Assert.IsTrue(exempt.Truncated);
        Assert.IsTrue(atCap.IsClean);
    }

    [TestMethod]
    public async Task Decompression_bomb_stops_at_the_cap()
    {
        // 64 MiB of zeros compresses to ~64 KiB; the cap is counted on decompressed bytes.
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 64; i++)
            {
                await gzip.WriteAsync(zeros);
            }
        }

        compressed.Position = 0;
        var result = await Scanner.ScanBodyAsync(compressed, "gzip", "h.test", CancellationToken.None);

        Assert.IsTrue(result.OverCap);
        Assert.IsLessThan(compressed.Length, compressed.Position, "reading stopped early");
    }

    [TestMethod]
    public async Task Pushed_bomb_stops_at_the_cap_without_blocking_the_writer()
    {
        var compressed = Compress(new byte[8 * 1024 * 1024], "gzip");
        await using var scan = Scanner.CreateBodyScanner("gzip", "h.test");
        for (var i = 0; i < compressed.Length; i += 4096)
        {
            await scan.AppendAsync(compressed.AsMemory(i, Math.Min(4096, compressed.Length - i)), CancellationToken.None);
        }

        Assert.IsTrue((await scan.CompleteAsync(CancellationToken.None)).OverCap);
    }

    [TestMethod]
    [DataRow("zstd", "unsupported-content-encoding")]
    [DataRow("gzip, gzip, gzip, gzip", "unsupported-content-encoding")]
    public async Task Unreadable_content_encoding_fails_closed(string coding, string ruleId)
    {
        var result = await Scanner.ScanBodyAsync(new MemoryStream([1, 2, 3]), coding, "h.test", CancellationToken.None);

        Assert.AreEqual(ruleId, result.Findings.Single().RuleId);
        Assert.IsTrue(result.ShouldBlock(DlpMode.Block));
    }

    [TestMethod]
    public async Task Corrupt_compressed_body_fails_closed()
    {
        var garbage = Encoding.ASCII.GetBytes("this is not gzip at all, just text pretending");

        var pulled = await Scanner.ScanBodyAsync(new MemoryStream(garbage), "gzip", "h.test", CancellationToken.None);
        await using var scan = Scanner.CreateBodyScanner("gzip", "h.test");
        await scan.AppendAsync(garbage, CancellationToken.None);
        var pushed = await scan.CompleteAsync(CancellationToken.None);

        Assert.AreEqual("undecodable-body", pulled.Findings.Single().RuleId);
        Assert.AreEqual("undecodable-body", pushed.Findings.Single().RuleId);
    }

    private static (byte[] Body, int Offset) BodyWithSecretAt(int offset, int total = 400_000)
    {
        var filler = Encoding.ASCII.GetBytes("public sealed class Widget { public int Count { get; set; } } // plain code\n");
        var body = new byte[total];
        for (var i = 0; i < total; i++)
        {
            body[i] = filler[i % filler.Length];
        }

        body[offset - 1] = (byte)' ';
        Encoding.ASCII.GetBytes(Secret).CopyTo(body, offset);
        body[offset + Secret.Length] = (byte)' ';
        return (body, offset);
    }

    private static byte[] Compress(byte[] data, string coding)
    {
        foreach (var layer in coding.Split(',', StringSplitOptions.TrimEntries))
        {
            using var output = new MemoryStream();
            using (Stream compressor = layer switch
            {
                "gzip" => new GZipStream(output, CompressionLevel.Fastest),
                "deflate" => new ZLibStream(output, CompressionLevel.Fastest),
                _ => new BrotliStream(output, CompressionLevel.Fastest),
            })
            {
                compressor.Write(data);
            }

            data = output.ToArray();
        }

        return data;
    }
}
