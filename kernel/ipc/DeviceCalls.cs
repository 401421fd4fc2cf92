namespace Ocean.Kernel.Ipc;

using Ocean.Abi;
using Ocean.Kernel.Arch.X86_64.Cpu;
using Ocean.Kernel.Arch.X86_64.Mm;
using Ocean.Kernel.Boot.Limine;
using Ocean.Kernel.Mm;
using Ocean.Kernel.Proc;
using Ocean.Kernel.Syscall;

/// <summary>
/// What userspace drivers do with hardware capabilities: bind an interrupt line to a notification
/// and acknowledge it, and map device memory. (I/O port capabilities need no call: holding one is
/// what puts its ports into the process's I/O permission bitmap.)
/// </summary>
public static unsafe class DeviceCalls
{
    private const ulong PageSize = UserLayout.PageSize;
    /// <summary>The largest device range one call maps (a big framebuffer fits).</summary>
    private const ulong MaxMapBytes = 256UL << 20;

    private static CapabilitySpace Space => Processes.Current.Capabilities;

    public static long BindInterrupt(long lineSlot, long notificationSlot, ulong bits)
    {
        if (!IpcCalls.Lookup(lineSlot, ObjectKind.Interrupts, 0, out Capability line, out long error) ||
            !IpcCalls.Lookup(notificationSlot, ObjectKind.Notification, CapabilityRights.Send, out Capability target, out error))
            return error;
        return InterruptBindings.Bind((HardwareRange)line.Object, (Notification)target.Object, bits & NotificationCalls.SignalMask);
    }

    public static long AcknowledgeInterrupt(long lineSlot)
    {
        if (!IpcCalls.Lookup(lineSlot, ObjectKind.Interrupts, 0, out Capability line, out long error))
            return error;
        return InterruptBindings.Acknowledge((HardwareRange)line.Object);
    }

    /// <summary>
    /// The console's input driver (whoever holds COM1's interrupt line, bound) hands programs' console
    /// reads a record of input; length 0 is end of file. Returns the bytes taken (what fits).
    /// </summary>
    public static long ConsoleInput(long lineSlot, ulong buffer, ulong length)
    {
        long error = HoldsConsoleLine(lineSlot);
        if (error != 0)
            return error;
        byte* chunk = stackalloc byte[Lib.ConsoleInput.MaxRecord];
        ulong count = length < Lib.ConsoleInput.MaxRecord ? length : Lib.ConsoleInput.MaxRecord;
        if (UserMemory.CopyFrom(chunk, buffer, count) != 0)
            return -Errno.EFAULT;
        return Lib.ConsoleInput.Deliver(chunk, (int)count);
    }

    /// <summary>
    /// The console's input driver takes back what programs have not read (at most
    /// <paramref name="length"/> bytes; the rest is dropped): the keys typed ahead in raw mode, to be
    /// cooked once the terminal leaves it. Returns the bytes copied.
    /// </summary>
    public static long ConsoleTakeBack(long lineSlot, ulong buffer, ulong length)
    {
        long error = HoldsConsoleLine(lineSlot);
        if (error != 0)
            return error;
        byte* chunk = stackalloc byte[Lib.ConsoleInput.MaxRecord];
        ulong wanted = length < Lib.ConsoleInput.MaxRecord ? length : Lib.ConsoleInput.MaxRecord;
        long writable = UserMemory.CheckWritable(buffer, wanted);
        if (writable != 0)
            return writable;
        int count = Lib.ConsoleInput.TakeBack(chunk, (int)wanted);
        if (UserMemory.CopyTo(buffer, chunk, (ulong)count) != 0)
            return -Errno.EFAULT;
        return count;
    }

    // 0 when the slot holds COM1's interrupt line, bound: the console's input driver; else the error.
    private static long HoldsConsoleLine(long lineSlot)
    {
        if (!IpcCalls.Lookup(lineSlot, ObjectKind.Interrupts, 0, out Capability line, out long error))
            return error;
        return InterruptBindings.IsBound((HardwareRange)line.Object, SerialPort.Com1Irq) ? 0 : -Errno.EPERM;
    }

    /// <summary>Maps the capability's whole range uncached into the caller; returns its address.</summary>
    public static long Map(long slot, ulong protection)
    {
        if (!IpcCalls.Lookup(slot, ObjectKind.DeviceMemory, 0, out Capability capability, out long error))
            return error;
        var range = (HardwareRange)capability.Object;
        if ((protection & Protection.Execute) != 0 || range.Count > MaxMapBytes)
            return -Errno.EINVAL;
        if (!IsDeviceMemory(range.First, range.Count))
            return -Errno.EACCES;
        Process process = Processes.Current;
        ulong start = process.Layout.MmapNext - range.Count;
        if (start < process.Layout.Break)
            return -Errno.ENOMEM;
        ulong flags = PageTable.User | PageTable.NoExecute | PageTable.Device | PageTable.CacheDisable | PageTable.WriteThrough |
                      ((protection & Protection.Write) != 0 ? PageTable.Writable : 0);
        PageTable* space = Processes.CurrentSpace;
        for (ulong offset = 0; offset < range.Count; offset += PageSize)
            if (!space->Map(start + offset, range.First + offset, flags))
            {
                for (ulong undo = 0; undo < offset; undo += PageSize)
                    space->Unmap(start + undo);
                return -Errno.ENOMEM;
            }
        process.Layout.MmapNext = start;
        return (long)start;
    }

    /// <summary>
    /// True when no part of the range is RAM, firmware tables or the kernel (every page the allocator
    /// manages lies in a usable or bootloader-reclaimable entry): only holes and reserved regions.
    /// </summary>
    public static bool IsDeviceMemory(ulong first, ulong count)
    {
        for (int i = 0; i < BootMemoryMap.Count; i++)
        {
            LimineMemoryType type = BootMemoryMap.Type(i);
            if (type == LimineMemoryType.Reserved || type == LimineMemoryType.Framebuffer)
                continue;
            ulong start = BootMemoryMap.Base(i), end = start + BootMemoryMap.Length(i);
            if (first < end && first + count > start)
                return false;
        }
        return true;
    }
}
