namespace Ocean.Kernel.Lib;

using Ocean.Kernel.Proc;
using Ocean.Kernel.Sched;

/// <summary>
/// What programs' console reads take: records of input, each a line with its newline, a line handed
/// over by Ctrl-D without one, or end of file (an empty record: that read returns 0). A read returns
/// at most one record (as a terminal in canonical mode), so lines typed ahead stay apart for whoever
/// reads next; a reader blocks until a record is there, and never spins.
///
/// The records come from the console's input driver (servers/tty, through <see cref="Deliver"/>),
/// or, while none holds COM1's line, from the kernel's own simple discipline here
/// (<see cref="Receive"/>: echo, backspace, Enter, Ctrl-D at the start of a line).
/// </summary>
public static unsafe class ConsoleInput
{
    private const int Capacity = 1024, MaxRecords = 64;
    private const byte Backspace = 0x08, Delete = 0x7F, EndOfTransmission = 0x04, CarriageReturn = 0x0D, LineFeed = 0x0A;

    /// <summary>The longest record one delivery makes.</summary>
    public const int MaxRecord = Capacity;

    private struct Buffers
    {
        public fixed byte Editing[Capacity];
        public fixed byte Ready[Capacity];
        public fixed int RecordEnds[MaxRecords];   // where each record not yet read ends in Ready
    }

    private static Buffers _buffers;
    private static int _editing, _ready, _readyRead, _records;
    private static WaitQueue _readers;

    // Made on first use: the kernel's statics hold no objects before its heap exists.
    private static WaitQueue Readers => _readers ??= new WaitQueue();

    /// <summary>Whether typed bytes go to readers (once a process runs) or are only reported.</summary>
    public static bool Enabled;

    /// <summary>The kernel's own discipline: one typed byte.</summary>
    public static void Receive(byte value)
    {
        fixed (Buffers* b = &_buffers)
        {
            if (value == CarriageReturn)
                value = LineFeed;
            if (value == Backspace || value == Delete)
            {
                if (_editing > 0)
                {
                    _editing--;
                    Console.Write("\b \b");
                }
                return;
            }
            if (value == EndOfTransmission)
            {
                if (_editing == 0)
                    Deliver(b->Editing, 0);
                return;
            }
            if (_editing < Capacity)
                b->Editing[_editing++] = value;
            Console.Write((char)value);
            if (value == LineFeed || _editing == Capacity)
            {
                Deliver(b->Editing, _editing);   // what does not fit is lost, as a full terminal's
                _editing = 0;
            }
        }
    }

    /// <summary>
    /// Adds a record (length 0: end of file) and wakes the reader. Returns the bytes taken: what fits,
    /// or 0 when readers have left too much unread.
    /// </summary>
    public static int Deliver(byte* bytes, int length)
    {
        fixed (Buffers* b = &_buffers)
        {
            int room = Capacity - _ready;
            if (_records == MaxRecords || (length > 0 && room == 0))
                return 0;
            int count = length < room ? length : room;
            for (int i = 0; i < count; i++)
                b->Ready[_ready++] = bytes[i];
            b->RecordEnds[_records++] = _ready;
            Readers.WakeAll();
            return count;
        }
    }

    /// <summary>
    /// Takes back every byte no program has read yet (records' ends and end-of-file records are
    /// dropped), up to <paramref name="length"/>; returns how many were copied. The input driver uses
    /// it when a terminal leaves raw mode, to cook the keys typed ahead.
    /// </summary>
    public static int TakeBack(byte* destination, int length)
    {
        fixed (Buffers* b = &_buffers)
        {
            int count = 0;
            while (count < length && _readyRead < _ready)
                destination[count++] = b->Ready[_readyRead++];
            _records = 0;
            _readyRead = _ready = 0;
            return count;
        }
    }

    /// <summary>Readers look again (their process was continued after a stop).</summary>
    public static void WakeReaders() => Readers.WakeAll();

    /// <summary>
    /// Blocks until a record is there; copies up to <paramref name="length"/> bytes of it (0 at end of
    /// file), or -1 when the reader's process is being killed. A reader whose process is stopped
    /// (job control) takes nothing: the input is for whoever has the console meanwhile.
    /// </summary>
    public static int Read(byte* destination, int length)
    {
        fixed (Buffers* b = &_buffers)
            while (true)
            {
                Process process = Scheduler.Current.Process;
                if (process != null && process.ConsoleBackground && !process.JobStopped)
                {
                    // Not the foreground job's: the process server stops its group (SIGTTIN); the read
                    // goes on once the group has the console and is continued.
                    if (!process.WantsConsole)
                    {
                        process.WantsConsole = true;
                        Processes.TellServer();
                    }
                    Readers.Wait();
                    if (process.KillPending)
                        return -1;
                    continue;
                }
                if (_records > 0 && (process == null || !process.JobStopped))
                {
                    int end = b->RecordEnds[0];
                    int count = 0;
                    while (count < length && _readyRead < end)
                        destination[count++] = b->Ready[_readyRead++];
                    if (_readyRead == end)
                        DropFirstRecord(b);
                    return count;
                }
                Readers.Wait();
                if (process != null && process.KillPending)
                    return -1;
            }
    }

    private static void DropFirstRecord(Buffers* b)
    {
        _records--;
        for (int i = 0; i < _records; i++)
            b->RecordEnds[i] = b->RecordEnds[i + 1];
        if (_records == 0)
            _readyRead = _ready = 0;
    }
}
