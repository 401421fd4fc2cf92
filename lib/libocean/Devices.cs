namespace Ocean;

using Ocean.Abi;

/// <summary>Hardware capabilities for userspace drivers: narrowing, interrupts and device memory. Port I/O is in <see cref="Ports"/>.</summary>
public static class Devices
{
    /// <summary>A new capability for [first, first + count) of the hardware range in <paramref name="slot"/>.</summary>
    public static long Narrow(long slot, ulong first, ulong count) => Syscall.Raw((ulong)SyscallNumber.CapNarrow, (ulong)slot, first, count, 0, 0);

    /// <summary>The interrupt line (a one-line capability) signals <paramref name="bits"/> on the notification, then stays masked until acknowledged.</summary>
    public static long BindInterrupt(long lineSlot, long notificationSlot, ulong bits) =>
        Syscall.Raw((ulong)SyscallNumber.IrqBind, (ulong)lineSlot, (ulong)notificationSlot, bits, 0, 0);

    public static long AcknowledgeInterrupt(long lineSlot) => Syscall.Raw((ulong)SyscallNumber.IrqAck, (ulong)lineSlot, 0, 0, 0, 0);

    /// <summary>The console's input driver hands programs a record of input (length 0: end of file); returns the bytes taken.</summary>
    public static unsafe long ConsoleInput(long lineSlot, byte* bytes, int length) =>
        Syscall.Raw((ulong)SyscallNumber.ConsoleInput, (ulong)lineSlot, (ulong)bytes, (ulong)length, 0, 0);

    /// <summary>The console's input driver takes back what programs have not read yet; returns the bytes copied.</summary>
    public static unsafe long ConsoleTakeBack(long lineSlot, byte* bytes, int length) =>
        Syscall.Raw((ulong)SyscallNumber.ConsoleTakeBack, (ulong)lineSlot, (ulong)bytes, (ulong)length, 0, 0);

    /// <summary>Maps the device memory range uncached; returns its address (or a negative errno).</summary>
    public static long Map(long slot, ulong protection) => Syscall.Raw((ulong)SyscallNumber.DeviceMap, (ulong)slot, protection, 0, 0, 0);
}
