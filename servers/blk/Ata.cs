namespace Ocean.Servers.Blk;

/// <summary>The legacy primary ATA channel's registers: I/O ports 0x1F0–0x1F7 and the control port 0x3F6.</summary>
public static class AtaRegister
{
    public const ushort Base = 0x1F0;
    public const ushort Data = Base + 0;
    /// <summary>Error when read, Features when written.</summary>
    public const ushort Error = Base + 1;
    public const ushort SectorCount = Base + 2;
    public const ushort LbaLow = Base + 3, LbaMid = Base + 4, LbaHigh = Base + 5;
    public const ushort DriveSelect = Base + 6;
    /// <summary>Status when read (reading it clears the drive's interrupt), Command when written.</summary>
    public const ushort Status = Base + 7, Command = Base + 7;
    /// <summary>Alternate status when read (leaves the interrupt pending), Device Control when written.</summary>
    public const ushort AlternateStatus = 0x3F6, Control = 0x3F6;
}

/// <summary>The ATA commands this driver issues (ATA/ATAPI-8 command set).</summary>
public static class AtaCommand
{
    public const byte ReadSectors = 0x20, ReadSectorsExt = 0x24;
    public const byte WriteSectors = 0x30, WriteSectorsExt = 0x34;
    public const byte FlushCache = 0xE7, FlushCacheExt = 0xEA;
    public const byte IdentifyDevice = 0xEC;
}

/// <summary>Bits of the Status register.</summary>
public static class AtaStatus
{
    public const byte Error = 0x01;
    public const byte DataRequest = 0x08;
    public const byte DeviceFault = 0x20;
    public const byte Ready = 0x40;
    public const byte Busy = 0x80;
    /// <summary>What a port with nothing behind it reads as.</summary>
    public const byte FloatingBus = 0xFF;
}

/// <summary>Device Control register and Drive/Head register values.</summary>
public static class AtaControl
{
    /// <summary>Device Control: interrupts enabled (nIEN clear), no reset.</summary>
    public const byte InterruptsEnabled = 0x00;
    public const byte SoftwareReset = 0x04;
    /// <summary>Drive/Head: the master drive addressed by LBA (bits 5 and 7 are obsolete but set by convention).</summary>
    public const byte MasterLba = 0xE0;
}

/// <summary>Where IDENTIFY DEVICE's 256 words keep what the driver needs.</summary>
public static class AtaIdentify
{
    public const int Words = 256;
    public const int ModelWord = 27, ModelWords = 20;
    public const int Lba28SectorsWord = 60;
    public const int CommandSetsWord = 83;
    public const ushort Lba48Supported = 1 << 10;
    public const int Lba48SectorsWord = 100;
}

/// <summary>Transfer limits: the sector count register holds 8 bits (LBA28) or 16 bits (LBA48); 0 means the maximum.</summary>
public static class AtaLimits
{
    public const int SectorSize = 512;
    public const int WordsPerSector = SectorSize / 2;
    public const uint MaxLba28Sectors = 256, MaxLba48Sectors = 65536;
    public const ulong Lba28Limit = 1UL << 28;
}
