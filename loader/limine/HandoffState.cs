namespace Ocean.Loader.Limine;

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
