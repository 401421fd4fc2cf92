namespace Ocean.Abi;

/// <summary>The x86-64 architectural exceptions (vectors 0..31): the kernel's reports and the process server's fault lines name them alike.</summary>
public static class ExceptionNames
{
    public const int DivideError = 0, Debug = 1, NonMaskable = 2, Breakpoint = 3, Overflow = 4, BoundRange = 5;
    public const int InvalidOpcode = 6, DeviceNotAvailable = 7, DoubleFault = 8, InvalidTss = 10;
    public const int SegmentNotPresent = 11, StackFault = 12, GeneralProtection = 13, PageFault = 14;
    public const int X87Floating = 16, AlignmentCheck = 17, MachineCheck = 18, SimdFloating = 19;
    public const int Virtualization = 20, ControlProtection = 21;
    public const int Count = 32;

    public static string Mnemonic(ulong vector) => vector switch
    {
        0 => "#DE", 1 => "#DB", 2 => "NMI", 3 => "#BP", 4 => "#OF", 5 => "#BR", 6 => "#UD", 7 => "#NM",
        8 => "#DF", 9 => "#MF", 10 => "#TS", 11 => "#NP", 12 => "#SS", 13 => "#GP", 14 => "#PF",
        16 => "#MF", 17 => "#AC", 18 => "#MC", 19 => "#XM", 20 => "#VE", 21 => "#CP",
        28 => "#HV", 29 => "#VC", 30 => "#SX", _ => "#??",
    };

    public static string Name(ulong vector) => vector switch
    {
        0 => "divide error", 1 => "debug", 2 => "non-maskable interrupt", 3 => "breakpoint", 4 => "overflow",
        5 => "bound range exceeded", 6 => "invalid opcode", 7 => "device not available", 8 => "double fault",
        9 => "coprocessor segment overrun", 10 => "invalid TSS", 11 => "segment not present",
        12 => "stack-segment fault", 13 => "general protection fault", 14 => "page fault",
        16 => "x87 floating-point error", 17 => "alignment check", 18 => "machine check",
        19 => "SIMD floating-point exception", 20 => "virtualization exception", 21 => "control protection exception",
        28 => "hypervisor injection exception", 29 => "VMM communication exception", 30 => "security exception",
        _ => "reserved exception",
    };
}
