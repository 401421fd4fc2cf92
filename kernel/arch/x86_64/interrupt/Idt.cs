namespace Ocean.Kernel.Arch.X86_64.Interrupt;

using Ocean.Kernel.Arch.X86_64.Cpu;

/// <summary>The interrupt descriptor table: 256 interrupt gates to the stubs in InterruptStubs.asm.</summary>
public static unsafe class Idt
{
    public const int VectorCount = 256;
    private const int GateSize = 16;
    private const ushort InterruptGate = 0x8E00;    // present, ring 0, 64-bit interrupt gate (IF cleared)

    private static byte* _table;
    private static Descriptor _idtr;

    private struct Descriptor
    {
        public fixed byte Bytes[16];   // lidt operand: 2-byte limit, 8-byte base
    }

    /// <summary>Builds the table in <paramref name="memory"/> (4 KiB) and loads it on this CPU.</summary>
    public static void Initialize(byte* memory)
    {
        _table = memory;
        for (int vector = 0; vector < VectorCount; vector++)
            SetGate(vector, Cpu.InterruptStubAddress(vector), 0);
        Load();
    }

    /// <summary>Loads the (shared) table on the calling CPU.</summary>
    public static void Load()
    {
        fixed (Descriptor* idtr = &_idtr)
        {
            *(ushort*)idtr->Bytes = VectorCount * GateSize - 1;
            *(ulong*)(idtr->Bytes + 2) = (ulong)_table;
            Cpu.LoadIdt(idtr);
        }
    }

    /// <summary>Runs <paramref name="vector"/> on interrupt stack <paramref name="ist"/> (1..7; 0 = current stack).</summary>
    public static void SetInterruptStack(int vector, int ist)
    {
        byte* gate = _table + vector * GateSize;
        gate[4] = (byte)ist;
    }

    private static void SetGate(int vector, ulong handler, int ist)
    {
        byte* gate = _table + vector * GateSize;
        *(ushort*)gate = (ushort)handler;
        *(ushort*)(gate + 2) = Gdt.KernelCode;
        gate[4] = (byte)ist;
        gate[5] = (byte)(InterruptGate >> 8);
        *(ushort*)(gate + 6) = (ushort)(handler >> 16);
        *(uint*)(gate + 8) = (uint)(handler >> 32);
        *(uint*)(gate + 12) = 0;
    }
}
