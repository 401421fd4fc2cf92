namespace Ocean.Servers.Tty;

using System.Collections.Generic;
using System.Runtime.InteropServices;
using Ocean.Abi;
using Ocean.Libc;
using Ocean.Protocols;

/// <summary>
/// Ocean's terminal service: the driver of the serial console's input and its line discipline
/// (<see cref="LineDiscipline"/>). init starts it first, with COM1's receive and line-status ports
/// and its interrupt line. Each interrupt it reads every byte the UART holds, echoes what the
/// discipline says to the console, and hands finished lines to the kernel's console input
/// (console_input, which only the holder of COM1's line may call), where programs read them. Ctrl-C
/// and Ctrl-\ signal the console's foreground group (SIGINT, SIGQUIT, through proc).
/// While it is not running, the kernel's own simple discipline serves the console.
/// </summary>
public static unsafe class Program
{
    // The hardware capabilities, in the order the service list names them.
    private const int DataPortSlot = ServiceSlot.FirstHardware, StatusPortSlot = ServiceSlot.FirstHardware + 1;
    private const int InterruptSlot = ServiceSlot.FirstHardware + 2;

    private const ushort Com1Data = 0x3F8, Com1LineStatus = 0x3FD;
    private const byte DataReady = 0x01;
    private const ulong ReceiveBit = 1;
    private const long InitGroup = 1;   // init's and the services' process group: never signalled from the console

    private static readonly LineDiscipline Discipline = new();
    private static readonly List<byte> Echo = new();
    private static readonly List<byte[]> Ready = new();

    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Main()
    {
        long notification = Notifications.Create();
        long bound = notification < 0 ? notification : Devices.BindInterrupt(InterruptSlot, notification, ReceiveBit);
        if (bound != 0)
        {
            Stdio.WriteLine($"tty: cannot take the console's interrupt line (error {bound})");
            return 1;
        }
        Stdio.WriteLine("tty: serving the console (COM1)");
        Services.ReportReady();
        while (true)
        {
            // Drain, let the line fire again, and drain once more: a byte that came while the line
            // was masked left the UART's interrupt raised, and an edge-triggered line would wait for
            // the next rising edge that never comes until that byte is read.
            Drain();
            Devices.AcknowledgeInterrupt(InterruptSlot);
            Drain();
            Notifications.Wait(notification);
        }
    }

    // Ctrl-C or Ctrl-\: the signal to the console's foreground group, as proc knows it (the shell hands
    // it to each pipeline it runs; itself it ignores both). Group 1 is init's and the services': never.
    private static void SignalForeground(int signal)
    {
        long group = ProcClient.ForegroundGroup();
        if (group > InitGroup)
            ProcClient.Kill(-group, signal);
    }

    private static void Drain()
    {
        int signal = 0;
        while ((Ports.In8(Com1LineStatus) & DataReady) != 0)
        {
            TerminalEvent happened = Discipline.Receive(Ports.In8(Com1Data), Echo, Ready);
            if (happened != TerminalEvent.None)
                signal = happened == TerminalEvent.Quit ? Signal.Quit : Signal.Interrupt;
        }
        if (Echo.Count > 0)
        {
            byte[] echo = Echo.ToArray();
            Echo.Clear();
            fixed (byte* bytes = echo)
                Stdio.Write(bytes, echo.Length);
            Stdio.Flush();
        }
        if (signal != 0)
            SignalForeground(signal);
        foreach (byte[] record in Ready)
            fixed (byte* bytes = record)
                Devices.ConsoleInput(InterruptSlot, bytes, record.Length);
        Ready.Clear();
    }
}
