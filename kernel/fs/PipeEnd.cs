namespace Ocean.Kernel.Fs;

/// <summary>One end of a <see cref="Pipe"/> as an open file: the read end only reads, the write end only writes.</summary>
public sealed class PipeEnd : OpenFile
{
    private readonly Pipe _pipe;
    private readonly bool _writes;

    public PipeEnd(Pipe pipe, bool writes)
    {
        _pipe = pipe;
        _writes = writes;
    }

    public override long Read(ulong buffer, ulong length) => _writes ? base.Read(buffer, length) : _pipe.Read(buffer, length);

    public override long Write(ulong buffer, ulong length) => _writes ? _pipe.Write(buffer, length) : base.Write(buffer, length);

    protected override void Closed()
    {
        if (_writes)
            _pipe.CloseWriter();
        else
            _pipe.CloseReader();
    }
}
