namespace Ocean.Kernel.Arch.X86_64.Cpu;

/// <summary>PerCpu (shared into these tests) points at its CPU's GDT; the layout checks only need the pointer.</summary>
public struct Gdt
{
}
