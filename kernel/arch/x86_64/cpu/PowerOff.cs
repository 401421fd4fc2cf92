namespace Ocean.Arch.X86_64.Cpu;

/// <summary>
/// Ends the machine with a status. Under QEMU with <c>-device isa-debug-exit,iobase=0xf4,iosize=4</c>
/// QEMU exits with (status &lt;&lt; 1) | 1; elsewhere the CPU just halts.
/// </summary>
public static class PowerOff
{
    private const ushort DebugExitPort = 0xF4;
    public const uint Success = 0, Failure = 1;

    public static void Exit(uint status)
    {
        Cpu.Out32(DebugExitPort, status);
        Cpu.HaltForever();
    }
}
