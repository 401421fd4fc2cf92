namespace Ocean.Kernel.Lib;

using Ocean.Kernel.Arch.X86_64.Cpu;
using Ocean.Kernel.Arch.X86_64.Interrupt;

/// <summary>
/// COM1's receive interrupt while no driver holds it: at boot, with a test program as init, and
/// between the terminal service's end and its restart. Typed bytes then go to the kernel's own simple
/// discipline (<see cref="ConsoleInput.Receive"/>), or are only reported before a process runs. Once
/// servers/tty binds the line, it reads the UART itself and hands finished input to ConsoleInput.
/// </summary>
public static unsafe class SerialInput
{
    private const int Vector = InterruptVectors.IsaBase + SerialPort.Com1Irq;

    /// <summary>Routes COM1's line to the kernel (boot, and when its driver lets it go) and reads what waits.</summary>
    public static void TakeBack()
    {
        Interrupts.Register(Vector, &OnInterrupt);
        if (IoApic.RouteIsaIrq(SerialPort.Com1Irq, Vector, Lapic.Id))
            SerialPort.EnableReceiveInterrupt();
        Drain();   // a byte left unread keeps the UART's line raised, and an edge-triggered line silent
    }

    private static void OnInterrupt(InterruptFrame* frame) => Drain();

    private static void Drain()
    {
        while (SerialPort.TryRead(out byte value))
        {
            if (ConsoleInput.Enabled)
            {
                ConsoleInput.Receive(value);
                continue;
            }
            Console.Write("COM1 IRQ: received ");
            Console.WriteHex(value, 2);
            Console.WriteLine();
        }
    }
}
