namespace Ocean.Servers.Tty;

using System.Collections.Generic;
using Ocean.Abi;
using Ocean.Libc;
using Ocean.Protocols;

/// <summary>
/// The terminal's one loop: on each interrupt it reads every byte the UART holds, echoes what the
/// discipline says to the console, and hands finished input to the kernel's console input
/// (console_input, which only the holder of COM1's line may call), where programs read it; Ctrl-C,
/// Ctrl-\ and Ctrl-Z signal the console's foreground group (SIGINT, SIGQUIT, SIGTSTP, through
/// proc). Between interrupts it answers <see cref="TtyRequest"/>s: the modes and the window size.
/// </summary>
internal sealed unsafe class TtyServer : Server
{
    // The hardware capabilities, in the order the service list names them.
    private const int DataPortSlot = ServiceSlot.FirstHardware, StatusPortSlot = ServiceSlot.FirstHardware + 1;
    private const int InterruptSlot = ServiceSlot.FirstHardware + 2;

    private const ushort Com1Data = 0x3F8, Com1LineStatus = 0x3FD;
    private const byte DataReady = 0x01;
    private const ulong ReceiveBit = 1;
    private const long InitGroup = 1;   // init's and the services' process group: never signalled from the console

    private readonly LineDiscipline _discipline = new();
    private readonly List<byte> _echo = new(), _shownAlready = new();
    private readonly List<byte[]> _ready = new();
    private int _rows = TtyProtocol.DefaultRows, _columns = TtyProtocol.DefaultColumns;

    /// <summary>Binds COM1's line to a notification that ends this thread's receives; 0 or a negative errno.</summary>
    public long TakeInterrupt()
    {
        long notification = Notifications.Create();
        if (notification < 0)
            return notification;
        long bound = Devices.BindInterrupt(InterruptSlot, notification, ReceiveBit);
        if (bound == 0)
            bound = Notifications.Bind(notification);
        if (bound == 0)
            Notified(ReceiveBit);   // keys typed before the line was bound
        return bound;
    }

    protected override void Notified(ulong bits)
    {
        // Drain, let the line fire again, and drain once more: a byte that came while the line was
        // masked left the UART's interrupt raised, and an edge-triggered line would wait for the
        // next rising edge that never comes until that byte is read.
        Drain();
        Devices.AcknowledgeInterrupt(InterruptSlot);
        Drain();
    }

    protected override long Handle(IpcMessage* message)
    {
        switch ((TtyRequest)MessageTag.Label(message->Tag))
        {
            case TtyRequest.GetMode:
                message->Words[TtyProtocol.ModesWord] = (ulong)_discipline.Modes;
                message->Words[TtyProtocol.RowsWord] = (ulong)_rows;
                message->Words[TtyProtocol.ColumnsWord] = (ulong)_columns;
                message->Tag = MessageTag.Make(0, TtyProtocol.GetModeWords * sizeof(ulong));
                return 0;
            case TtyRequest.SetMode:
                if (MessageTag.Length(message->Tag) < sizeof(ulong) || (message->Words[TtyProtocol.ModesWord] & ~(ulong)TerminalModes.All) != 0)
                    return -Errno.EINVAL;
                TerminalModes before = _discipline.Modes;
                SetModes((TerminalModes)message->Words[TtyProtocol.ModesWord]);
                message->Words[TtyProtocol.ModesWord] = (ulong)before;
                message->Tag = MessageTag.Make(0, sizeof(ulong));
                return 0;
            case TtyRequest.SetWindowSize:
                ulong rows = message->Words[TtyProtocol.SizeRowsWord], columns = message->Words[TtyProtocol.SizeColumnsWord];
                if (MessageTag.Length(message->Tag) < TtyProtocol.SizeWords * sizeof(ulong) ||
                    rows == 0 || columns == 0 || rows > TtyProtocol.MaxDimension || columns > TtyProtocol.MaxDimension)
                    return -Errno.EINVAL;
                _rows = (int)rows;
                _columns = (int)columns;
                message->Tag = MessageTag.Make(0, 0);
                return 0;
            default:
                return -Errno.ENOSYS;
        }
    }

    // Leaving non-canonical mode, the keys programs have not read yet come back from the kernel and
    // are cooked as if typed now, so a line typed ahead of the shell's prompt reaches the next
    // program as a line (and Ctrl-D in it as end of file); shown now unless they were when typed.
    private void SetModes(TerminalModes modes)
    {
        TerminalModes before = _discipline.Modes;
        bool leavingRaw = (before & TerminalModes.Canonical) == 0 && (modes & TerminalModes.Canonical) != 0;
        List<byte> echo = (before & TerminalModes.Echo) != 0 ? _shownAlready : _echo;
        _discipline.SetModes(modes, _ready);
        int signal = 0;
        if (leavingRaw)
        {
            byte* typedAhead = stackalloc byte[LineDiscipline.MaxLine + 1];
            long count = Devices.ConsoleTakeBack(InterruptSlot, typedAhead, LineDiscipline.MaxLine + 1);
            for (long i = 0; i < count; i++)
            {
                int raised = Receive(typedAhead[i], echo);
                if (raised != 0)
                    signal = raised;
            }
        }
        _shownAlready.Clear();
        Flush(signal);
    }

    private void Drain()
    {
        int signal = 0;
        while ((Ports.In8(Com1LineStatus) & DataReady) != 0)
        {
            int raised = Receive(Ports.In8(Com1Data), _echo);
            if (raised != 0)
                signal = raised;
        }
        Flush(signal);
    }

    // One byte through the discipline: the signal it asks for, or 0.
    private int Receive(byte value, List<byte> echo)
    {
        TerminalEvent happened = _discipline.Receive(value, echo, _ready);
        return happened switch
        {
            TerminalEvent.Interrupt => Signal.Interrupt,
            TerminalEvent.Quit => Signal.Quit,
            TerminalEvent.Suspend => Signal.TerminalStop,
            _ => 0,
        };
    }

    // Shows the echo, signals, and hands the kernel what readers may now have.
    private void Flush(int signal)
    {
        _discipline.EndOfInput(_ready);
        if (_echo.Count > 0)
        {
            byte[] echo = _echo.ToArray();
            _echo.Clear();
            fixed (byte* bytes = echo)
                Stdio.Write(bytes, echo.Length);
            Stdio.Flush();
        }
        if (signal != 0)
            SignalForeground(signal);
        foreach (byte[] record in _ready)
            fixed (byte* bytes = record)
                Devices.ConsoleInput(InterruptSlot, bytes, record.Length);
        _ready.Clear();
    }

    // Ctrl-C, Ctrl-\ or Ctrl-Z: the signal to the console's foreground group, as proc knows it (the shell hands
    // it to each pipeline it runs; itself it ignores both). Group 1 is init's and the services': never.
    private static void SignalForeground(int signal)
    {
        long group = ProcClient.ForegroundGroup();
        if (group > InitGroup)
            ProcClient.Kill(-group, signal);
    }
}
