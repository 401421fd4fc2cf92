namespace Ocean.Tests.Fuzz;

using Ocean.Abi;

/// <summary>What the fuzzer believes one of its descriptors names.</summary>
public enum FileKind
{
    None,
    /// <summary>Inherited (the console under init=fuzz): reading may wait for a person; writing prints.</summary>
    Inherited,
    PipeReader,
    PipeWriter,
    /// <summary>A call succeeded that should not have: the fuzzer no longer knows, so it leaves the descriptor alone.</summary>
    Unknown,
}

/// <summary>
/// A model of the process's descriptor table and its pipes' fill levels, kept in step with every
/// result, so that the fuzzer never issues a read or write that would wait for ever: a read of an
/// empty pipe that still has a writer, a write to a full pipe that still has a reader.
/// </summary>
public static class FileModel
{
    public const int Descriptors = SyscallLimits.MaxOpenFiles;
    /// <summary>Kept as a copy of standard output for the summary; never closed or replaced.</summary>
    public const int ReportDescriptor = Descriptors - 1;
    public const int PipeCapacity = 4096;
    private const int MaxPipes = 256;

    private static readonly FileKind[] _kinds = new FileKind[Descriptors];
    private static readonly int[] _pipeOf = new int[Descriptors];
    private static readonly int[] _buffered = new int[MaxPipes];
    private static int _pipes;

    public static void Reset()
    {
        for (int fd = 0; fd < Descriptors; fd++)
            _kinds[fd] = fd <= 2 || fd == ReportDescriptor ? FileKind.Inherited : FileKind.None;
        _pipes = 0;
    }

    public static FileKind Kind(long fd) => fd >= 0 && fd < Descriptors ? _kinds[(int)fd] : FileKind.None;

    /// <summary>Bytes waiting in the pipe <paramref name="fd"/> names.</summary>
    public static int Buffered(int fd) => _buffered[_pipeOf[fd]];

    /// <summary>Descriptors naming the pipe's other end (any blocked call waits on those).</summary>
    public static int OtherEnds(int fd)
    {
        FileKind other = _kinds[fd] == FileKind.PipeReader ? FileKind.PipeWriter : FileKind.PipeReader;
        int count = 0;
        for (int i = 0; i < Descriptors; i++)
            if (_kinds[i] == other && _pipeOf[i] == _pipeOf[fd])
                count++;
        return count;
    }

    public static bool CanCreatePipe => _pipes < MaxPipes;

    public static void PipeCreated(int readFd, int writeFd)
    {
        if (readFd < 0 || readFd >= Descriptors || writeFd < 0 || writeFd >= Descriptors)
            return;
        _buffered[_pipes] = 0;
        _kinds[readFd] = FileKind.PipeReader;
        _kinds[writeFd] = FileKind.PipeWriter;
        _pipeOf[readFd] = _pipeOf[writeFd] = _pipes++;
    }

    /// <summary>A pipe call succeeded without the fuzzer being able to see the descriptors.</summary>
    public static void Confused()
    {
        for (int fd = 0; fd < Descriptors; fd++)
            if (_kinds[fd] == FileKind.None)
                _kinds[fd] = FileKind.Unknown;
    }

    public static void Transferred(int fd, long bytes)
    {
        if (bytes > 0)
            _buffered[_pipeOf[fd]] += _kinds[fd] == FileKind.PipeWriter ? (int)bytes : -(int)bytes;
    }

    public static void Duplicated(int fd, int target)
    {
        _kinds[target] = _kinds[fd];
        _pipeOf[target] = _pipeOf[fd];
    }

    public static void Closed(int fd) => _kinds[fd] = FileKind.None;
}
