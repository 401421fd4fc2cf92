namespace Ocean.Kernel.Arch.X86_64.Cpu;

/// <summary>A 16550 UART driven by polling: the kernel's console (COM1, 115200 baud, 8N1).</summary>
public static class SerialPort
{
    public const ushort Com1 = 0x3F8;
    public const int Com1Irq = 4;

    // Register offsets from the base port.
    private const ushort Data = 0, InterruptEnable = 1, FifoControl = 2, LineControl = 3, ModemControl = 4, LineStatus = 5;
    private const ushort DivisorLow = 0, DivisorHigh = 1;   // while LineControl.DLAB is set

    private const byte DivisorLatchAccess = 0x80;
    private const byte EightBitsNoParityOneStop = 0x03;
    private const byte EnableAndClearFifos14ByteThreshold = 0xC7;
    private const byte DataTerminalReadyRequestToSendOut2 = 0x0B;
    private const byte TransmitHoldingEmpty = 0x20;
    private const byte DataReady = 0x01;
    private const byte ReceivedDataAvailable = 0x01;   // interrupt enable bit
    private const uint UartClock = 115200;
    public const uint BaudRate = 115200;

    private static ushort _port;

    public static void Initialize(ushort port)
    {
        _port = port;
        ushort divisor = (ushort)(UartClock / BaudRate);
        Cpu.Out8((ushort)(port + InterruptEnable), 0);
        Cpu.Out8((ushort)(port + LineControl), DivisorLatchAccess);
        Cpu.Out8((ushort)(port + DivisorLow), (byte)divisor);
        Cpu.Out8((ushort)(port + DivisorHigh), (byte)(divisor >> 8));
        Cpu.Out8((ushort)(port + LineControl), EightBitsNoParityOneStop);
        Cpu.Out8((ushort)(port + FifoControl), EnableAndClearFifos14ByteThreshold);
        Cpu.Out8((ushort)(port + ModemControl), DataTerminalReadyRequestToSendOut2);
    }

    /// <summary>Raise the UART's interrupt line (COM1: ISA IRQ 4) when a byte arrives.</summary>
    public static void EnableReceiveInterrupt() => Cpu.Out8((ushort)(_port + InterruptEnable), ReceivedDataAvailable);

    /// <summary>Takes one received byte if there is one.</summary>
    public static bool TryRead(out byte value)
    {
        value = 0;
        if (_port == 0 || (Cpu.In8((ushort)(_port + LineStatus)) & DataReady) == 0)
            return false;
        value = Cpu.In8((ushort)(_port + Data));
        return true;
    }

    public static void Write(byte value)
    {
        if (_port == 0)
            return;
        while ((Cpu.In8((ushort)(_port + LineStatus)) & TransmitHoldingEmpty) == 0)
            Cpu.Pause();
        Cpu.Out8((ushort)(_port + Data), value);
    }
}
