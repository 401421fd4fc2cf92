namespace Ocean.Kernel.Arch.X86_64.Cpu;

/// <summary>
/// Ends the machine. <see cref="Shutdown"/> enters ACPI sleep state S5 (soft off) through the PM1
/// control registers the FADT names, with the sleep type read from the DSDT's \_S5 object; without
/// ACPI it falls back to <see cref="Exit"/>. Under QEMU with <c>-device isa-debug-exit,iobase=0xf4,iosize=4</c>
/// <see cref="Exit"/> makes QEMU exit with (status &lt;&lt; 1) | 1; elsewhere the CPU just halts.
/// </summary>
public static unsafe class PowerOff
{
    private const ushort DebugExitPort = 0xF4;
    public const uint Success = 0, Failure = 1;

    // FADT fields (ACPI 6, table 5.9) and the PM1 control register's bits.
    private const int FadtDsdt = 40, FadtPm1aControl = 64, FadtPm1bControl = 68, FadtExtendedDsdt = 140;
    private const ushort SleepEnable = 1 << 13;
    private const ulong ShutdownGraceNanoseconds = 1_000_000_000;
    private const int SleepTypeShift = 10;
    // AML encodings met on the way from the \_S5_ name to its first package element.
    private const byte AmlPackageOp = 0x12, AmlBytePrefix = 0x0A, AmlZeroOp = 0x00, AmlOneOp = 0x01;

    private static ushort _pm1aControl, _pm1bControl;
    private static ushort _sleepTypeA, _sleepTypeB;

    /// <summary>Whether ACPI soft-off was found at boot.</summary>
    public static bool CanShutdown => _pm1aControl != 0;

    /// <summary>Reads what S5 needs while the firmware tables are certainly mapped and intact (at boot).</summary>
    public static void Initialize(byte* rsdp, ulong hhdm)
    {
        byte* fadt = AcpiTables.Find(rsdp, hhdm, "FACP");
        if (fadt == null)
            return;
        uint fadtLength = *(uint*)(fadt + AcpiTables.LengthOffset);
        ulong dsdtPhysical = fadtLength >= FadtExtendedDsdt + 8 && *(ulong*)(fadt + FadtExtendedDsdt) != 0
            ? *(ulong*)(fadt + FadtExtendedDsdt) : *(uint*)(fadt + FadtDsdt);
        if (dsdtPhysical == 0 || !FindSleepTypes((byte*)(dsdtPhysical + hhdm)))
            return;
        _pm1aControl = (ushort)*(uint*)(fadt + FadtPm1aControl);
        _pm1bControl = (ushort)*(uint*)(fadt + FadtPm1bControl);
    }

    // Finds "_S5_" followed by a package and reads its first two elements (SLP_TYPa, SLP_TYPb).
    private static bool FindSleepTypes(byte* dsdt)
    {
        uint length = *(uint*)(dsdt + AcpiTables.LengthOffset);
        for (uint i = AcpiTables.HeaderLength; i + 8 < length; i++)
        {
            if (dsdt[i] != (byte)'_' || dsdt[i + 1] != (byte)'S' || dsdt[i + 2] != (byte)'5' || dsdt[i + 3] != (byte)'_')
                continue;
            byte* p = dsdt + i + 4;
            if (*p++ != AmlPackageOp)
                continue;
            p += ((*p >> 6) & 3) + 1;   // the package length's encoding says how many more bytes it has
            p++;                          // element count
            if (!ReadSmallInteger(ref p, out _sleepTypeA) || !ReadSmallInteger(ref p, out _sleepTypeB))
                return false;
            return true;
        }
        return false;
    }

    private static bool ReadSmallInteger(ref byte* p, out ushort value)
    {
        value = 0;
        if (*p == AmlBytePrefix)
        {
            value = p[1];
            p += 2;
            return true;
        }
        if (*p == AmlZeroOp || *p == AmlOneOp)
        {
            value = *p++;
            return true;
        }
        return false;
    }

    /// <summary>One boot-report line: how the machine will be switched off.</summary>
    public static void Report()
    {
        Ocean.Kernel.Lib.Console.Write("ACPI power-off: ");
        if (!CanShutdown)
        {
            Ocean.Kernel.Lib.Console.WriteLine("no FADT or \\_S5 object (QEMU's debug exit only)");
            return;
        }
        Ocean.Kernel.Lib.Console.Write("S5 through PM1a control port ");
        Ocean.Kernel.Lib.Console.WriteHex(_pm1aControl, 4);
        Ocean.Kernel.Lib.Console.Write(", sleep type ");
        Ocean.Kernel.Lib.Console.WriteHex(_sleepTypeA, 1);
        Ocean.Kernel.Lib.Console.WriteLine();
    }

    /// <summary>Switches the machine off (ACPI S5); if that is not possible, ends as <see cref="Exit"/>(Success).</summary>
    public static void Shutdown()
    {
        if (CanShutdown)
        {
            Cpu.Out16(_pm1aControl, (ushort)((_sleepTypeA << SleepTypeShift) | SleepEnable));
            if (_pm1bControl != 0)
                Cpu.Out16(_pm1bControl, (ushort)((_sleepTypeB << SleepTypeShift) | SleepEnable));
            // The chipset (or QEMU's main loop) takes a moment to act; only then is it a failure.
            ulong deadline = Ocean.Kernel.Arch.X86_64.Interrupt.Timer.MonotonicNanoseconds + ShutdownGraceNanoseconds;
            while (Ocean.Kernel.Arch.X86_64.Interrupt.Timer.MonotonicNanoseconds < deadline)
                Cpu.Pause();
        }
        Exit(Success);
    }

    public static void Exit(uint status)
    {
        Cpu.Out32(DebugExitPort, status);
        Cpu.HaltForever();
    }
}
