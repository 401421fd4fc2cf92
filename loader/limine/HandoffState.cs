namespace Ocean.Loader.Limine;

using System.Runtime;
using System.Runtime.CompilerServices;

/// <summary>What Handoff.asm needs to enter the kernel; its STATE_* offsets follow this layout.</summary>
public unsafe struct HandoffState
{
    public ulong Pml4;          // physical address of the kernel's page tables
    public ulong HhdmOffset;
    public ulong StackTop;      // HHDM address
    public ulong Entry;         // kernel virtual address
    public fixed byte Gdtr[16]; // lgdt operand: 2-byte limit, 8-byte base (an HHDM address)

    public void SetGdt(ushort limit, ulong hhdmBase)
    {
        fixed (byte* gdtr = Gdtr)
        {
            *(ushort*)gdtr = limit;
            *(ulong*)(gdtr + 2) = hhdmBase;
        }
    }
}

public static unsafe class Handoff
{
    /// <summary>Switches to the kernel's page tables, GDT and stack and jumps to its entry; never returns.</summary>
    [RuntimeImport("*", "LoaderHandoff")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    public static extern void Enter(HandoffState* state);
}
