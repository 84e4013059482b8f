using System.Buffers;
using System.Text;

namespace Bottle.Sidecars.Dlp.Engine;

/// <summary>
/// The bounded scan window for a body. Bytes are widened to chars (Latin-1, one char per byte) into a pooled
/// buffer of <c>window + overlap</c>; when it is full the whole buffer is scanned and its last <c>overlap</c>
/// chars move to the front, so a secret split across two chunks is still seen whole. Nothing beyond the window
/// is ever held, and nothing beyond the cap is scanned.
/// </summary>
internal sealed class BodyWindow : IDisposable
{
    private readonly ScanEngine _engine;
    private readonly FindingSink _sink = new();
    private readonly ScanFrame _frame;
    private readonly string? _encoding;
    private readonly long _cap;
    private readonly bool _capExempt;
    private readonly int _overlap;
    private readonly int _capacity;
    private char[]? _buffer;
    private int _count;
    private bool _dirty;
    private long _bufferOffset;
    private long _total;
    private bool _capped;
    private int _found;

    public BodyWindow(ScanEngine engine, DlpOptions options, string? host, string? encoding)
    {
        _engine = engine;
        _frame = new ScanFrame(DlpLocation.Body, null, host, 0, 0, 0);
        _encoding = encoding;
        _cap = options.MaxBodyBytes;
        _capExempt = host is not null && options.OverCapExemptHosts.Any(h => h.Matches(host));
        _overlap = engine.Overlap;
        // The pool may hand out a larger array; the window stays the configured size so memory and the
        // boundaries between windows do not depend on the pool.
        _capacity = options.WindowBytes + _overlap;
        _buffer = ArrayPool<char>.Shared.Rent(_capacity);
    }

    /// <summary>The chars (bytes) kept from one window to the next, so a secret across the boundary is seen whole.</summary>
    public int OverlapBytes => _overlap;

    /// <summary>True once the cap was reached: further bytes are ignored, and the caller may stop reading.</summary>
    public bool Capped => _capped;

    /// <summary>True once any window produced a finding (safe to read from another thread).</summary>
    public bool HasFindings => Volatile.Read(ref _found) != 0;

    public void Write(ReadOnlySpan<byte> data)
    {
        ObjectDisposedException.ThrowIf(_buffer is null, this);
        if (_capped)
        {
            return;
        }

        if (_total + data.Length > _cap)
        {
            data = data[..(int)(_cap - _total)];
            _capped = true;
        }

        while (!data.IsEmpty)
        {
            var n = Math.Min(_capacity - _count, data.Length);
            Encoding.Latin1.GetChars(data[..n], _buffer.AsSpan(_count, n));
            _count += n;
            _total += n;
            _dirty = true;
            data = data[n..];
            if (_count == _capacity)
            {
                ScanAndSlide();
            }
        }
    }

    /// <summary>
    /// Scans everything written so far that was not scanned yet (keeping the overlap for the next window) and returns
    /// the findings up to here, so a streaming caller can judge each chunk before it forwards it.
    /// </summary>
    public DlpScanResult Checkpoint()
    {
        ObjectDisposedException.ThrowIf(_buffer is null, this);
        if (_dirty)
        {
            ScanAndSlide();
        }

        return _sink.ToResult(overCap: _capped && !_capExempt, truncated: _capped && _capExempt);
    }

    /// <summary>Scans what is left and returns the result of the whole body.</summary>
    public DlpScanResult Finish()
    {
        ObjectDisposedException.ThrowIf(_buffer is null, this);
        if (_dirty)
        {
            ScanBuffer();
        }

        return _sink.ToResult(overCap: _capped && !_capExempt, truncated: _capped && _capExempt);
    }

    /// <summary>Adds a finding that is about the body as a whole (e.g. it could not be decoded).</summary>
    public void AddBodyFinding(string ruleId, string description)
    {
        _sink.Add(new DlpFinding(ruleId, description, DlpSeverity.High, DlpLocation.Body, null, _total, string.Empty, string.Empty, _encoding));
        Volatile.Write(ref _found, 1);
    }

    public void Dispose()
    {
        if (_buffer is not null)
        {
            ArrayPool<char>.Shared.Return(_buffer, clearArray: true);
            _buffer = null;
        }
    }

    private void ScanAndSlide()
    {
        ScanBuffer();
        var keep = Math.Min(_overlap, _count);
        _buffer.AsSpan(_count - keep, keep).CopyTo(_buffer);
        _bufferOffset += _count - keep;
        _count = keep;
    }

    private void ScanBuffer()
    {
        _engine.Scan(_buffer.AsSpan(0, _count), _frame with { Offset = _bufferOffset }, _sink, _encoding);
        _dirty = false;
        if (_sink.Count > 0)
        {
            Volatile.Write(ref _found, 1);
        }
    }
}
