using System.IO.Pipelines;
using System.Text;
using Bottle.Sidecars.Egress.Http;

namespace Bottle.Tests.Unit.Egress;

[TestClass]
public sealed class HttpHeadReaderTests
{
    [TestMethod]
    public async Task Reads_an_absolute_form_head_and_leaves_the_body_in_the_pipe()
    {
        var reader = PipeReader.Create(new MemoryStream(Encoding.Latin1.GetBytes("POST https://api.test/v1 HTTP/1.1\r\nHost: api.test\r\nX-A:  b \r\n\r\nBODY")));

        var head = await HttpHeadReader.ReadAsync(reader, 1024, CancellationToken.None);

        Assert.AreEqual("POST", head!.Method);
        Assert.AreEqual("https://api.test/v1", head.Target);
        Assert.AreEqual("b", head.Values("x-a").Single());
        var rest = await reader.ReadAsync();
        Assert.AreEqual("BODY", Encoding.Latin1.GetString(rest.Buffer));
    }

    [TestMethod]
    [DataRow("GET / HTTP/1.0\r\n\r\n", "HTTP/1.1")]
    [DataRow("GET  / HTTP/1.1\r\n\r\n", "request line")]
    [DataRow("GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n", "header line 2")]
    [DataRow("GET / HTTP/1.1\r\nBad Name: a\r\n\r\n", "header line 1")]
    public async Task Rejects_ambiguous_heads_with_a_message_naming_the_problem(string text, string expected)
    {
        var reader = PipeReader.Create(new MemoryStream(Encoding.Latin1.GetBytes(text)));

        var error = await Assert.ThrowsExactlyAsync<BadRequestException>(() => HttpHeadReader.ReadAsync(reader, 1024, CancellationToken.None).AsTask());

        StringAssert.Contains(error.Message, expected);
    }

    [TestMethod]
    public async Task Rejects_an_oversized_head()
    {
        var reader = PipeReader.Create(new MemoryStream(Encoding.Latin1.GetBytes("GET / HTTP/1.1\r\nX: " + new string('a', 5000))));

        var error = await Assert.ThrowsExactlyAsync<BadRequestException>(() => HttpHeadReader.ReadAsync(reader, 1024, CancellationToken.None).AsTask());

        StringAssert.Contains(error.Message, "1024");
    }
}
