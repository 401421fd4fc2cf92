namespace Ocean.Kernel.Boot.Limine;

// The Limine boot protocol (base revision 2, as Limine 8.x implements it): request identifiers and
// the layout of every structure the bootloader hands over. The kernel reads these; Ocean's own loader
// (loader/) compiles this same file to write them. All pointers are HHDM virtual addresses.

/// <summary>Magic numbers of the protocol.</summary>
public static class LimineMagic
{
    public const ulong Common0 = 0xc7b1dd30df4c8b88;
    public const ulong Common1 = 0x0a82e883a194f07b;

    public const ulong BaseRevision0 = 0xf9562b2d5c95a6c8;
    public const ulong BaseRevision1 = 0x6a7b384944536bdc;

    public static readonly ulong[] RequestsStartMarker =
        { 0xf6b8f4b39de7d1ae, 0xfab91a6940fcb9cf, 0x785c6ed015d3e316, 0x181e920a7852b9d9 };

    public static readonly ulong[] RequestsEndMarker = { 0xadc0e0531bb10d03, 0x9572709f31764c62 };

    /// <summary>The base revision Ocean asks for: the newest Limine 8.x supports.</summary>
    public const ulong SupportedBaseRevision = 2;
}

/// <summary>The two request-specific identifier words (id[2], id[3]) of each request Ocean uses.</summary>
public static class LimineRequestId
{
    public const ulong BootloaderInfo2 = 0xf55038d8e2a1202f, BootloaderInfo3 = 0x279426fcf5f59740;
    public const ulong Hhdm2 = 0x48dcf1cb8ad2b852, Hhdm3 = 0x63984e959a98244b;
    public const ulong MemoryMap2 = 0x67cf3d9d378a806f, MemoryMap3 = 0xe304acdfc50c3c62;
    public const ulong Modules2 = 0x3e7e279702be32af, Modules3 = 0xca1c4f3bd1280cee;
    public const ulong KernelFile2 = 0xad97e90e83f1ed67, KernelFile3 = 0x31eb5d1c5ff23b69;
    public const ulong KernelAddress2 = 0x71ba76863cc55f63, KernelAddress3 = 0xb2644a48c516a487;
    public const ulong Rsdp2 = 0xc5e77b6b397e7b43, Rsdp3 = 0x27637845accdcf3c;
    public const ulong Framebuffer2 = 0x9d5827dcd881dd75, Framebuffer3 = 0xa3148604f6fab11b;
    public const ulong Smp2 = 0x95a67b819a1b857e, Smp3 = 0xa0b61b723b6a73e0;
}

/// <summary>Memory map entry types.</summary>
public enum LimineMemoryType : ulong
{
    Usable = 0,
    Reserved = 1,
    AcpiReclaimable = 2,
    AcpiNvs = 3,
    BadMemory = 4,
    BootloaderReclaimable = 5,
    KernelAndModules = 6,
    Framebuffer = 7,
}

/// <summary>The fields every request starts with; the response pointer is written by the bootloader.</summary>
public unsafe struct LimineRequestHeader
{
    public ulong Id0, Id1, Id2, Id3;
    public ulong Revision;
    public void* Response;
}

public unsafe struct LimineBootloaderInfoResponse
{
    public ulong Revision;
    public byte* Name;
    public byte* Version;
}

public struct LimineHhdmResponse
{
    public ulong Revision;
    public ulong Offset;
}

public struct LimineMemoryMapEntry
{
    public ulong Base;
    public ulong Length;
    public LimineMemoryType Type;
}

public unsafe struct LimineMemoryMapResponse
{
    public ulong Revision;
    public ulong EntryCount;
    public LimineMemoryMapEntry** Entries;
}

public struct LimineUuid
{
    public uint A;
    public ushort B, C;
    public ulong D;
}

/// <summary>A file the bootloader loaded (the kernel or a module).</summary>
public unsafe struct LimineFile
{
    public ulong Revision;
    public byte* Address;
    public ulong Size;
    public byte* Path;
    public byte* Cmdline;
    public uint MediaType;
    public uint Unused;
    public uint TftpIp;
    public uint TftpPort;
    public uint PartitionIndex;
    public uint MbrDiskId;
    public LimineUuid GptDiskUuid;
    public LimineUuid GptPartUuid;
    public LimineUuid PartUuid;
}

public unsafe struct LimineModuleResponse
{
    public ulong Revision;
    public ulong ModuleCount;
    public LimineFile** Modules;
}

public unsafe struct LimineKernelFileResponse
{
    public ulong Revision;
    public LimineFile* KernelFile;
}

public struct LimineKernelAddressResponse
{
    public ulong Revision;
    public ulong PhysicalBase;
    public ulong VirtualBase;
}

public unsafe struct LimineRsdpResponse
{
    public ulong Revision;
    public void* Address;
}

public unsafe struct LimineFramebuffer
{
    public void* Address;
    public ulong Width;
    public ulong Height;
    public ulong Pitch;
    public ushort BitsPerPixel;
    public byte MemoryModel;
    public byte RedMaskSize, RedMaskShift;
    public byte GreenMaskSize, GreenMaskShift;
    public byte BlueMaskSize, BlueMaskShift;
    public fixed byte Unused[7];
    public ulong EdidSize;
    public void* Edid;
    public ulong ModeCount;
    public void** Modes;
}

public unsafe struct LimineFramebufferResponse
{
    public ulong Revision;
    public ulong FramebufferCount;
    public LimineFramebuffer** Framebuffers;
}

/// <summary>One CPU in the SMP response; an AP starts running at GotoAddress once it is written.</summary>
public unsafe struct LimineSmpInfo
{
    public uint ProcessorId;
    public uint LapicId;
    public ulong Reserved;
    public void* GotoAddress;
    public ulong ExtraArgument;
}

public unsafe struct LimineSmpResponse
{
    public ulong Revision;
    public uint Flags;
    public uint BspLapicId;
    public ulong CpuCount;
    public LimineSmpInfo** Cpus;
}
