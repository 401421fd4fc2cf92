namespace Ocean.Kernel.Arch.X86_64.Interrupt;

/// <summary>The bits of a page fault's error code (Intel SDM vol. 3, 4.7).</summary>
public static class PageFaultError
{
    public const ulong Present = 1, Write = 2, User = 4, ReservedBit = 8, InstructionFetch = 16;
}
