namespace Ocean.Kernel.Arch.X86_64.Cpu;

/// <summary>PerCpu (shared into these tests) points at its CPU's GDT; the layout checks only need the pointer.</summary>
public struct Gdt
{
}

/// <summary>The privileged instructions PageTable (shared into these tests) uses; on the host no space is the running one.</summary>
public static class Cpu
{
    public static ulong ReadCr3() => 0;

    public static void WriteCr3(ulong value)
    {
    }

    public static void InvalidatePage(ulong virtualAddress)
    {
    }
}
