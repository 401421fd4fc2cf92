namespace Ocean.Kernel.Arch.X86_64.Cpu;

using Ocean.Kernel.Arch.X86_64.Interrupt;

/// <summary>
/// A thread's user SSE and x87 state as <c>fxsave</c> writes it: 512 bytes, which the interrupt and
/// system-call entry stubs keep 16-byte aligned just below the thread's <see cref="InterruptFrame"/>.
/// </summary>
public static unsafe class FxsaveArea
{
    public const int Size = 512;
    private const int MxcsrOffset = 24;

    /// <summary>Where the state saved with <paramref name="frame"/> lies.</summary>
    public static byte* Below(InterruptFrame* frame) => (byte*)(((ulong)frame - Size) & ~15UL);

    /// <summary>The state a new program starts with: registers zero, every exception masked.</summary>
    public static void WriteDefault(byte* area)
    {
        for (int i = 0; i < Size / sizeof(ulong); i++)   // (a loop, not Buffer.Fill: the host tests compile this file too)
            ((ulong*)area)[i] = 0;
        *(ushort*)area = SwitchFrame.DefaultFpuControl;
        *(uint*)(area + MxcsrOffset) = SwitchFrame.DefaultMxcsr;
    }
}
