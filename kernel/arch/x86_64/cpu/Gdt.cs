namespace Ocean.Kernel.Arch.X86_64.Cpu;

using System.Runtime.InteropServices;

/// <summary>
/// The 64-bit task state segment: the stacks the CPU switches to on entry from ring 3 (Rsp0) and for
/// vectors with an interrupt stack table slot (Ist1..Ist7).
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public struct TaskStateSegment
{
    public uint Reserved0;
    public ulong Rsp0, Rsp1, Rsp2;
    public ulong Reserved1;
    public ulong Ist1, Ist2, Ist3, Ist4, Ist5, Ist6, Ist7;
    public ulong Reserved2;
    public ushort Reserved3;
    public ushort IoMapBase;
}

/// <summary>
/// One CPU's GDT: null, kernel code, kernel data, user data, user code, TSS (two slots). The user
/// data-then-code order is what SYSRET requires (it derives both selectors from one base). The TSS is
/// followed by its I/O permission bitmap (see <see cref="IoPermissionBitmap"/>) and the all-ones
/// byte the CPU requires after it.
/// </summary>
public unsafe struct Gdt
{
    /// <summary>TSS.IoMapBase values: the bitmap right after the TSS, or past the limit (no port allowed).</summary>
    public const ushort IoBitmapOffset = 104;
    public const ushort NoIoBitmap = 0xFFFF;

    public const ushort KernelCode = 0x08;
    public const ushort KernelData = 0x10;
    public const ushort UserData = 0x18 | UserPrivilege;
    public const ushort UserCode = 0x20 | UserPrivilege;
    public const ushort TaskState = 0x28;
    public const ushort UserPrivilege = 3;
    private const int EntryCount = 7;

    // Access bytes and flags: present, ring, code/data, long mode (L) for code segments.
    private const ulong KernelCode64 = 0x00AF9A000000FFFF;
    private const ulong KernelData64 = 0x00CF92000000FFFF;
    private const ulong UserData64 = 0x00CFF2000000FFFF;
    private const ulong UserCode64 = 0x00AFFA000000FFFF;
    private const ulong TssAvailable = 0x89;
    private const ulong Present = 1UL << 47;

    public fixed ulong Entries[EntryCount];
    public TaskStateSegment Tss;
    public fixed byte IoBitmap[IoPermissionBitmap.Bytes + 1];
    private fixed byte _gdtr[16];

    /// <summary>Fills the table, loads it, reloads the segment registers and the task register.</summary>
    public void Load()
    {
        fixed (Gdt* self = &this)
        {
            ulong* e = self->Entries;
            e[0] = 0;
            e[1] = KernelCode64;
            e[2] = KernelData64;
            e[3] = UserData64;
            e[4] = UserCode64;
            ulong tss = (ulong)&self->Tss;
            if ((byte*)self->IoBitmap - (byte*)&self->Tss != IoBitmapOffset)
                Ocean.Kernel.Lib.Panic.Halt("the I/O permission bitmap must follow the TSS");
            ulong limit = IoBitmapOffset + IoPermissionBitmap.Bytes;   // includes the closing all-ones byte
            self->IoBitmap[IoPermissionBitmap.Bytes] = 0xFF;
            self->Tss.IoMapBase = NoIoBitmap;
            e[5] = (limit & 0xFFFF) | ((tss & 0xFFFFFF) << 16) | (TssAvailable << 40) | Present |
                   (((limit >> 16) & 0xF) << 48) | (((tss >> 24) & 0xFF) << 56);
            e[6] = tss >> 32;
            byte* gdtr = self->_gdtr;
            *(ushort*)gdtr = EntryCount * sizeof(ulong) - 1;
            *(ulong*)(gdtr + 2) = (ulong)e;
            Cpu.LoadGdt(gdtr, KernelCode, KernelData);
            Cpu.LoadTaskRegister(TaskState);
        }
    }
}
