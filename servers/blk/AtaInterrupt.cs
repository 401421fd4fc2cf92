namespace Ocean.Servers.Blk;

using System.Runtime.InteropServices;
using Ocean.Abi;
using Ocean.Libc;

/// <summary>
/// Command completion through the channel's interrupt line: the kernel signals a notification bit for
/// IRQ 14 and masks the line until it is acknowledged. A helper thread adds a periodic tick to the same
/// notification, so that a lost interrupt (or a drive that never answers) ends in a status poll or a
/// timeout instead of a hang; the interrupt stays the normal path.
/// </summary>
public static unsafe class AtaInterrupt
{
    private const ulong IrqBit = 1, TickBit = 2;
    /// <summary>How often the fallback looks at a drive whose interrupt has not arrived (20 ms).</summary>
    private const ulong TickNanoseconds = 20_000_000;
    /// <summary>A command that takes longer has failed (ATA allows a drive several seconds to spin up).</summary>
    private const long TimeoutNanoseconds = 10_000_000_000;
    private const ulong TickStackBytes = 16 * 1024;

    private static long _notification = -1;
    private static long _line = -1;

    /// <summary>Completions noticed through the interrupt, and through the fallback poll.</summary>
    public static ulong Interrupts, Polls;

    /// <summary>Binds <paramref name="lineSlot"/> to a new notification and starts the tick; false if the line could not be bound.</summary>
    public static bool Start(long lineSlot)
    {
        _notification = Notifications.Create();
        if (_notification < 0)
            return false;
        ManagedThreads.Start(&Tick, (ulong)_notification, TickStackBytes);   // (without it, the interrupt alone)
        if (Devices.BindInterrupt(lineSlot, _notification, IrqBit) != 0)
            return false;
        _line = lineSlot;
        return true;
    }

    [UnmanagedCallersOnly]
    private static void Tick(ulong notification)
    {
        while (true)
        {
            Syscall.Sleep(TickNanoseconds);
            Notifications.Signal((long)notification, TickBit);
        }
    }

    /// <summary>Before a command: forgets ticks and a late interrupt of an earlier one, so that neither is taken for this command's.</summary>
    public static void Prepare()
    {
        long bits = Notifications.Wait(_notification, nonBlocking: true);
        if (bits > 0 && (bits & (long)IrqBit) != 0)
            Acknowledge();
    }

    /// <summary>
    /// Waits until the drive is no longer busy and returns its status, read from the Status register
    /// (which clears the drive's interrupt); <see cref="AtaStatus.Busy"/> when it timed out.
    /// </summary>
    public static byte WaitUntilReady()
    {
        long deadline = Clock.Now() + TimeoutNanoseconds;
        while (true)
        {
            long bits = Notifications.Wait(_notification);
            if (bits > 0 && (bits & (long)IrqBit) != 0)
            {
                byte status = Acknowledge();
                if ((status & AtaStatus.Busy) == 0)
                {
                    Interrupts++;
                    return status;
                }
                continue;   // an earlier command's late interrupt: this one is still running
            }
            // A tick (or no notification at all): look without disturbing a pending interrupt.
            if ((Ports.In8(AtaRegister.AlternateStatus) & AtaStatus.Busy) == 0)
            {
                Polls++;
                return Ports.In8(AtaRegister.Status);
            }
            if (Clock.Now() > deadline)
                return AtaStatus.Busy;
            if (bits < 0)
                Syscall.Sleep(TickNanoseconds);
        }
    }

    // Status first (the drive lowers its interrupt), then the line is unmasked for the next one.
    private static byte Acknowledge()
    {
        byte status = Ports.In8(AtaRegister.Status);
        if (_line >= 0)
            Devices.AcknowledgeInterrupt(_line);
        return status;
    }
}
