namespace Ocean.Servers.Blk;

using Ocean.Abi;
using Ocean.Libc;

/// <summary>
/// The master drive on the legacy primary ATA channel, driven by PIO: IDENTIFY DEVICE, READ/WRITE
/// SECTORS (the EXT forms beyond LBA28's reach or for long transfers) and FLUSH CACHE. Each sector's
/// completion is awaited on the channel's interrupt (<see cref="AtaInterrupt"/>). One command at a time.
/// </summary>
public static unsafe class AtaDrive
{
    /// <summary>Polls for the first write sector's data request (no interrupt announces it) give up after this long (1 s).</summary>
    private const long DataRequestTimeoutNanoseconds = 1_000_000_000;
    /// <summary>Reading the alternate status this often takes the 400 ns a drive needs to show a new status.</summary>
    private const int StatusSettleReads = 4;
    private const ulong ResetHoldNanoseconds = 10_000;

    public static bool Present { get; private set; }
    public static ulong SectorCount { get; private set; }
    public static bool Lba48 { get; private set; }

    /// <summary>The model string from IDENTIFY DEVICE (ASCII, trailing spaces removed).</summary>
    public static readonly byte[] Model = new byte[AtaIdentify.ModelWords * 2];
    public static int ModelLength { get; private set; }

    /// <summary>Looks for an ATA disk; true (and its size) if there is one.</summary>
    public static bool Identify()
    {
        // Nothing decodes the ports: they read as all ones.
        if (Ports.In8(AtaRegister.Status) == AtaStatus.FloatingBus)
            return false;
        // A blk killed mid-transfer (init then starts this one) leaves the drive with data pending:
        // it would refuse IDENTIFY and the disk would look absent.
        Reset();
        Ports.Out8(AtaRegister.DriveSelect, AtaControl.MasterLba);
        Settle();
        Ports.Out8(AtaRegister.SectorCount, 0);
        Ports.Out8(AtaRegister.LbaLow, 0);
        Ports.Out8(AtaRegister.LbaMid, 0);
        Ports.Out8(AtaRegister.LbaHigh, 0);
        AtaInterrupt.Prepare();
        Ports.Out8(AtaRegister.Command, AtaCommand.IdentifyDevice);
        byte status = Settle();
        if (status == 0 || status == AtaStatus.FloatingBus)
            return false;   // no drive answers on this channel
        status = AtaInterrupt.WaitUntilReady();
        // ATAPI and SATA bridges abort IDENTIFY DEVICE and leave their signature in the LBA registers.
        if ((status & (AtaStatus.Busy | AtaStatus.Error | AtaStatus.DeviceFault)) != 0 || (status & AtaStatus.DataRequest) == 0 ||
            Ports.In8(AtaRegister.LbaMid) != 0 || Ports.In8(AtaRegister.LbaHigh) != 0)
            return false;
        ushort* words = stackalloc ushort[AtaIdentify.Words];
        ReadWords(words);
        Lba48 = (words[AtaIdentify.CommandSetsWord] & AtaIdentify.Lba48Supported) != 0;
        ulong lba48Sectors = 0;
        for (int i = 3; i >= 0; i--)
            lba48Sectors = lba48Sectors << 16 | words[AtaIdentify.Lba48SectorsWord + i];
        ulong lba28Sectors = words[AtaIdentify.Lba28SectorsWord] | (ulong)words[AtaIdentify.Lba28SectorsWord + 1] << 16;
        SectorCount = Lba48 && lba48Sectors != 0 ? lba48Sectors : lba28Sectors;
        // The model string is stored with each word's two characters swapped.
        for (int i = 0; i < AtaIdentify.ModelWords; i++)
        {
            Model[2 * i] = (byte)(words[AtaIdentify.ModelWord + i] >> 8);
            Model[2 * i + 1] = (byte)words[AtaIdentify.ModelWord + i];
        }
        int length = Model.Length;
        while (length > 0 && (Model[length - 1] == (byte)' ' || Model[length - 1] == 0))
            length--;
        ModelLength = length;
        Present = SectorCount != 0;
        return Present;
    }

    /// <summary>Reads <paramref name="count"/> sectors from <paramref name="lba"/>; 0 or -EIO.</summary>
    public static long Read(ulong lba, uint count, byte* buffer) => Transfer(lba, count, buffer, write: false);

    /// <summary>Writes <paramref name="count"/> sectors at <paramref name="lba"/>; 0 or -EIO.</summary>
    public static long Write(ulong lba, uint count, byte* buffer) => Transfer(lba, count, buffer, write: true);

    /// <summary>Makes the drive write its cache to the medium; 0 or -EIO.</summary>
    public static long Flush()
    {
        if (!WaitIdle())
            return Fail();
        Ports.Out8(AtaRegister.DriveSelect, AtaControl.MasterLba);
        Settle();
        AtaInterrupt.Prepare();
        Ports.Out8(AtaRegister.Command, Lba48 ? AtaCommand.FlushCacheExt : AtaCommand.FlushCache);
        Settle();
        return Failed(AtaInterrupt.WaitUntilReady()) ? Fail() : 0;
    }

    // Splits the transfer into commands the sector count register can express.
    private static long Transfer(ulong lba, uint count, byte* buffer, bool write)
    {
        if (!Present || lba + count > SectorCount)
            return -Errno.EIO;
        while (count > 0)
        {
            bool extended = Lba48 && (lba + count > AtaLimits.Lba28Limit || count > AtaLimits.MaxLba28Sectors);
            uint chunk = extended ? (count < AtaLimits.MaxLba48Sectors ? count : AtaLimits.MaxLba48Sectors)
                                  : (count < AtaLimits.MaxLba28Sectors ? count : AtaLimits.MaxLba28Sectors);
            long result = write ? WriteChunk(lba, chunk, buffer, extended) : ReadChunk(lba, chunk, buffer, extended);
            if (result != 0)
                return result;
            lba += chunk;
            count -= chunk;
            buffer += (ulong)chunk * AtaLimits.SectorSize;
        }
        return 0;
    }

    // PIO in: the drive interrupts when each sector's data is ready.
    private static long ReadChunk(ulong lba, uint count, byte* buffer, bool extended)
    {
        if (!Issue(extended ? AtaCommand.ReadSectorsExt : AtaCommand.ReadSectors, lba, count, extended))
            return Fail();
        for (uint i = 0; i < count; i++)
        {
            byte status = AtaInterrupt.WaitUntilReady();
            if (Failed(status) || (status & AtaStatus.DataRequest) == 0)
                return Fail();
            ReadWords((ushort*)(buffer + (ulong)i * AtaLimits.SectorSize));
        }
        return 0;
    }

    // PIO out: the first sector goes when the drive asks for it; each later one after the interrupt for the one before.
    private static long WriteChunk(ulong lba, uint count, byte* buffer, bool extended)
    {
        if (!Issue(extended ? AtaCommand.WriteSectorsExt : AtaCommand.WriteSectors, lba, count, extended) || !WaitForDataRequest())
            return Fail();
        for (uint i = 0; i < count; i++)
        {
            ushort* words = (ushort*)(buffer + (ulong)i * AtaLimits.SectorSize);
            for (int w = 0; w < AtaLimits.WordsPerSector; w++)
                Ports.Out16(AtaRegister.Data, words[w]);
            byte status = AtaInterrupt.WaitUntilReady();
            if (Failed(status) || (i + 1 < count && (status & AtaStatus.DataRequest) == 0))
                return Fail();
        }
        return 0;
    }

    // Loads the address and count (for the EXT commands the high bytes first: each register keeps two) and starts the command.
    private static bool Issue(byte command, ulong lba, uint count, bool extended)
    {
        if (!WaitIdle())
            return false;
        if (extended)
        {
            Ports.Out8(AtaRegister.DriveSelect, AtaControl.MasterLba);
            Settle();
            Ports.Out8(AtaRegister.SectorCount, (byte)(count >> 8));
            Ports.Out8(AtaRegister.LbaLow, (byte)(lba >> 24));
            Ports.Out8(AtaRegister.LbaMid, (byte)(lba >> 32));
            Ports.Out8(AtaRegister.LbaHigh, (byte)(lba >> 40));
        }
        else
        {
            Ports.Out8(AtaRegister.DriveSelect, (byte)(AtaControl.MasterLba | ((lba >> 24) & 0x0F)));
            Settle();
        }
        Ports.Out8(AtaRegister.SectorCount, (byte)count);   // 256 (or 65536) is written as 0
        Ports.Out8(AtaRegister.LbaLow, (byte)lba);
        Ports.Out8(AtaRegister.LbaMid, (byte)(lba >> 8));
        Ports.Out8(AtaRegister.LbaHigh, (byte)(lba >> 16));
        AtaInterrupt.Prepare();
        Ports.Out8(AtaRegister.Command, command);
        Settle();
        return true;
    }

    private static bool WaitIdle()
    {
        long deadline = Clock.Now() + DataRequestTimeoutNanoseconds;
        while ((Ports.In8(AtaRegister.AlternateStatus) & (AtaStatus.Busy | AtaStatus.DataRequest)) != 0)
        {
            if (Clock.Now() > deadline)
                return false;
            Syscall.Yield();
        }
        return true;
    }

    private static bool WaitForDataRequest()
    {
        long deadline = Clock.Now() + DataRequestTimeoutNanoseconds;
        while (true)
        {
            byte status = Ports.In8(AtaRegister.AlternateStatus);
            if ((status & AtaStatus.Busy) == 0)
                return (status & (AtaStatus.Error | AtaStatus.DeviceFault)) == 0 && (status & AtaStatus.DataRequest) != 0;
            if (Clock.Now() > deadline)
                return false;
            Syscall.Yield();
        }
    }

    private static bool Failed(byte status) => (status & (AtaStatus.Busy | AtaStatus.Error | AtaStatus.DeviceFault)) != 0;

    // A failed command may leave the drive mid-transfer.
    private static long Fail()
    {
        Reset();
        return -Errno.EIO;
    }

    // A software reset brings the channel back to idle, interrupts enabled.
    private static void Reset()
    {
        Ports.Out8(AtaRegister.Control, AtaControl.SoftwareReset);
        Syscall.Sleep(ResetHoldNanoseconds);
        Ports.Out8(AtaRegister.Control, AtaControl.InterruptsEnabled);
        WaitIdle();
    }

    private static byte Settle()
    {
        byte status = 0;
        for (int i = 0; i < StatusSettleReads; i++)
            status = Ports.In8(AtaRegister.AlternateStatus);
        return status;
    }

    private static void ReadWords(ushort* words)
    {
        for (int i = 0; i < AtaLimits.WordsPerSector; i++)
            words[i] = Ports.In16(AtaRegister.Data);
    }
}
