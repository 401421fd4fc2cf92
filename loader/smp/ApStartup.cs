namespace Ocean.Loader.Smp;

using System.Runtime;
using System.Runtime.CompilerServices;
using Ocean.Kernel.Arch.X86_64.Cpu;
using Ocean.Kernel.Boot.Limine;
using Ocean.Loader.Memory;

/// <summary>
/// Starts the application processors as Limine does: each climbs to long mode through the trampoline
/// (ApTrampoline.asm), then parks on its own 64 KiB stack until the kernel writes its goto_address.
/// </summary>
public static unsafe class ApStartup
{
    public const ulong TrampolineBase = 0x8000;
    public const ulong TrampolinePageSize = 0x1000;
    private const ulong StackSize = 64 * 1024;
    private const uint IcrLow = 0x300, IcrHigh = 0x310;
    private const uint InitIpi = 0x4500, StartupIpi = 0x4600, DeliveryPending = 1 << 12;
    // Rough waits in spin-loop iterations (real hardware wants ~10 ms after INIT; QEMU needs none).
    private const int InitWait = 200_000, StartupWait = 20_000_000;

    // Slot offsets in ApTrampoline.asm's ap_slots.
    private const int SlotCr3 = 0, SlotNx = 8, SlotStack = 16, SlotInfo = 24, SlotGdtr = 32, SlotReady = 40, SlotPark = 48;

    [RuntimeImport("*", "ApTrampolineStart")] [MethodImpl(MethodImplOptions.InternalCall)] private static extern byte* TrampolineStart();
    [RuntimeImport("*", "ApTrampolineEnd")] [MethodImpl(MethodImplOptions.InternalCall)] private static extern byte* TrampolineEnd();
    [RuntimeImport("*", "ApTrampolineSlots")] [MethodImpl(MethodImplOptions.InternalCall)] private static extern byte* TrampolineSlots();
    [RuntimeImport("*", "ApParkAddress")] [MethodImpl(MethodImplOptions.InternalCall)] private static extern ulong ParkAddress();

    /// <summary>
    /// Starts every CPU in <paramref name="cpus"/> (physical pointers) except the bootstrap processor;
    /// returns how many reached the parking loop.
    /// </summary>
    public static int StartAll(LimineSmpInfo** cpus, int count, uint bspLapicId, ulong lapicAddress, ulong pml4,
        bool noExecute, ulong gdtrHhdm, ulong hhdm, PhysicalBump memory)
    {
        byte* blob = (byte*)TrampolineBase;
        ulong length = (ulong)(TrampolineEnd() - TrampolineStart());
        System.Buffer.Memmove(blob, TrampolineStart(), (nuint)length);
        byte* slots = blob + (TrampolineSlots() - TrampolineStart());
        *(ulong*)(slots + SlotCr3) = pml4;
        *(ulong*)(slots + SlotNx) = noExecute ? 1UL : 0;
        *(ulong*)(slots + SlotGdtr) = gdtrHhdm;
        *(ulong*)(slots + SlotPark) = ParkAddress() + hhdm;

        int started = 0;
        for (int i = 0; i < count; i++)
        {
            LimineSmpInfo* cpu = cpus[i];
            if (cpu->LapicId == bspLapicId)
                continue;
            ulong stack = memory.Allocate(StackSize);
            ulong readyPhysical = memory.Allocate(sizeof(uint), sizeof(ulong));
            if (stack == 0 || readyPhysical == 0)
                break;
            uint* ready = (uint*)readyPhysical;
            *(ulong*)(slots + SlotStack) = stack + StackSize + hhdm;
            *(ulong*)(slots + SlotInfo) = (ulong)cpu + hhdm;
            *(ulong*)(slots + SlotReady) = readyPhysical + hhdm;

            SendIpi(lapicAddress, cpu->LapicId, InitIpi);
            Spin(InitWait);
            for (int attempt = 0; attempt < 2 && Load(ready) == 0; attempt++)
            {
                SendIpi(lapicAddress, cpu->LapicId, StartupIpi | (uint)(TrampolineBase >> 12));
                for (int wait = 0; wait < StartupWait && Load(ready) == 0; wait++)
                    Cpu.Pause();
            }
            if (Load(ready) != 0)
                started++;
        }
        return started;
    }

    private static void SendIpi(ulong lapic, uint destination, uint command)
    {
        *(uint*)(lapic + IcrHigh) = destination << 24;
        *(uint*)(lapic + IcrLow) = command;
        while ((Load((uint*)(lapic + IcrLow)) & DeliveryPending) != 0)
            Cpu.Pause();
    }

    // Not inlined, so every call really reads memory another CPU (or the LAPIC) may change.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static uint Load(uint* location) => *location;

    private static void Spin(int iterations)
    {
        for (int i = 0; i < iterations; i++)
            Cpu.Pause();
    }
}
