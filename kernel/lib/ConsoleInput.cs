namespace Ocean.Kernel.Lib;

using Ocean.Kernel.Proc;
using Ocean.Kernel.Sched;

/// <summary>
/// The console's line discipline, fed by the COM1 receive interrupt: bytes are echoed and collected
/// into a line; backspace edits it; Enter hands the line to a reader; Ctrl-D at the start of a line is
/// end of file (read returns 0). A reader blocks until there is something; it never spins.
/// </summary>
public static unsafe class ConsoleInput
{
    private const int Capacity = 1024;
    private const byte Backspace = 0x08, Delete = 0x7F, EndOfTransmission = 0x04, CarriageReturn = 0x0D, LineFeed = 0x0A;

    private struct Buffers
    {
        public fixed byte Editing[Capacity];
        public fixed byte Ready[Capacity];
    }

    private static Buffers _buffers;
    private static int _editing, _ready, _readyRead;
    private static int _endOfFile;
    private static Thread _reader;

    /// <summary>Whether typed bytes go to readers (once a process runs) or are only reported.</summary>
    public static bool Enabled;

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
                {
                    _endOfFile++;
                    Scheduler.Wake(_reader);
                }
                return;
            }
            if (_editing < Capacity)
                b->Editing[_editing++] = value;
            Console.Write((char)value);
            if (value == LineFeed || _editing == Capacity)
            {
                // Move the finished line to the ready buffer (what does not fit waits for the next read).
                for (int i = 0; i < _editing && _ready < Capacity; i++)
                    b->Ready[_ready++] = b->Editing[i];
                _editing = 0;
                Scheduler.Wake(_reader);
            }
        }
    }

    /// <summary>
    /// Blocks until a line or end of file is there; copies up to <paramref name="length"/> bytes, and
    /// never past the end of one line (as a terminal in canonical mode), so lines typed ahead stay
    /// apart for whoever reads next.
    /// </summary>
    public static int Read(byte* destination, int length)
    {
        fixed (Buffers* b = &_buffers)
            while (true)
            {
                if (_readyRead < _ready)
                {
                    int count = 0;
                    while (count < length && _readyRead < _ready)
                        if ((destination[count++] = b->Ready[_readyRead++]) == LineFeed)
                            break;
                    if (_readyRead == _ready)
                        _readyRead = _ready = 0;
                    return count;
                }
                if (_endOfFile > 0)
                {
                    _endOfFile--;
                    return 0;
                }
                _reader = Scheduler.Current;
                Scheduler.Block();
                _reader = null;
                Process process = Scheduler.Current.Process;
                if (process != null && process.KillPending)
                    return -1;
            }
    }
}
