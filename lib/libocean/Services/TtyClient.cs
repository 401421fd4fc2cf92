namespace Ocean;

using Ocean.Abi;
using Ocean.Protocols;

/// <summary>The client side of <see cref="TtyProtocol"/>: a connection by name kept in <see cref="ServiceSlot.Tty"/>.</summary>
public static unsafe class TtyClient
{
    private static readonly ServiceConnection _tty = new(TtyProtocol.ServiceName, ServiceSlot.Tty);

    /// <summary>The console's modes and window size; 0 or a negative errno (ENOTCONN or EAGAIN without the service).</summary>
    public static long GetMode(out TerminalModes modes, out int rows, out int columns)
    {
        modes = TerminalModes.None;
        rows = columns = 0;
        IpcMessage message = default;
        message.Tag = MessageTag.Make((uint)TtyRequest.GetMode, 0);
        long result = _tty.Call(&message);
        if (result < 0)
            return result;
        modes = (TerminalModes)message.Words[TtyProtocol.ModesWord];
        rows = (int)message.Words[TtyProtocol.RowsWord];
        columns = (int)message.Words[TtyProtocol.ColumnsWord];
        return 0;
    }

    /// <summary>Sets the console's modes; the modes before, or a negative errno.</summary>
    public static long SetMode(TerminalModes modes)
    {
        IpcMessage message = ServiceConnection.Request((uint)TtyRequest.SetMode, (ulong)modes, 0);
        message.Tag = MessageTag.Make((uint)TtyRequest.SetMode, sizeof(ulong));
        long result = _tty.Call(&message);
        return result < 0 ? result : (long)message.Words[TtyProtocol.ModesWord];
    }

    /// <summary>Sets the console's window size; 0 or a negative errno.</summary>
    public static long SetWindowSize(int rows, int columns)
    {
        IpcMessage message = ServiceConnection.Request((uint)TtyRequest.SetWindowSize, (ulong)rows, (ulong)columns);
        return _tty.Call(&message);
    }
}
