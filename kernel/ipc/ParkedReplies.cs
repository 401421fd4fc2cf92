namespace Ocean.Kernel.Ipc;

using Ocean.Abi;
using Ocean.Kernel.Arch.X86_64.Interrupt;
using Ocean.Kernel.Mm;
using Ocean.Kernel.Proc;
using Ocean.Kernel.Sched;

/// <summary>
/// Parked replies: a server that cannot answer a call yet (the process server's waitpid for a child
/// that still runs) parks it with reply_park and goes on serving others; the caller stays blocked
/// until the server answers the ticket with reply_parked, and a kill of the caller still ends it (its
/// ticket is dead). If the server's process ends or execs, every call it parked fails with EPIPE.
/// Tickets belong to the process, not the thread, and a parked call's grant ends when it is parked.
/// </summary>
public static unsafe class ParkedReplies
{
    /// <summary>Tickets a process can hold at once: one for every process there can be.</summary>
    public const int Capacity = ProcessLimits.MaxProcesses;

    // A ticket is its slot + 1 (9 bits hold 1..Capacity) under a per-process serial number, so a
    // ticket whose caller was killed never names the next call parked in the same slot.
    private const int SerialShift = 9;
    private const long SlotMask = (1L << SerialShift) - 1;

    /// <summary>reply_park(): the pending call's reply right moves to a new ticket, which is returned.</summary>
    public static long Park()
    {
        Thread self = Scheduler.Current;
        Thread caller = self.ReplyTo;
        if (caller == null || caller.IpcState != IpcWait.AwaitingReply)
            return -Errno.EINVAL;
        Process server = self.Process;
        if (server.Parked == null)
        {
            if (!MemoryReserve.NewObjectAllowed)
                return -Errno.ENOMEM;
            server.Parked = new Thread[Capacity];
        }
        int index = 0;
        while (index < Capacity && server.Parked[index] != null)
            index++;
        if (index == Capacity)
            return -Errno.EAGAIN;
        Grants.End(self);
        // Nothing is lent any more: a fork of the caller's process need not copy the range for it.
        IpcCalls.FrameOf(caller)->Rsi &= ~(MessageTag.GrantRead | MessageTag.GrantWrite);
        self.ReplyTo = null;
        caller.Server = null;
        caller.ParkedBy = server;
        caller.ParkedTicket = (++server.ParkSerial << SerialShift) | (long)(index + 1);
        server.Parked[index] = caller;
        return caller.ParkedTicket;
    }

    /// <summary>reply_parked(ticket, tag, words): the reply goes to the parked caller, which wakes.</summary>
    public static long Answer(InterruptFrame* frame)
    {
        Thread self = Scheduler.Current;
        Thread[] parked = self.Process.Parked;
        long ticket = (long)frame->Rdi;
        long slot = ticket & SlotMask;
        if (parked == null || ticket <= 0 || slot == 0 || slot > Capacity)
            return -Errno.EINVAL;
        int index = (int)slot - 1;
        Thread caller = parked[index];
        if (caller == null || caller.ParkedTicket != ticket)
            return -Errno.EINVAL;   // answered, or its caller was killed and the slot serves another
        long error = IpcCalls.CheckReply(frame);
        if (error != 0)
            return error;
        parked[index] = null;
        caller.ParkedBy = null;
        caller.ParkedTicket = 0;
        IpcCalls.Deliver(self, frame, caller, IpcCalls.FrameOf(caller), 0, false);
        Scheduler.Wake(caller);
        return 0;
    }

    /// <summary>A parked caller leaves its wait (it is being killed): its ticket is free again.</summary>
    public static void Forget(Thread caller)
    {
        caller.ParkedBy.Parked[(int)(caller.ParkedTicket & SlotMask) - 1] = null;
        caller.ParkedBy = null;
        caller.ParkedTicket = 0;
    }

    /// <summary>The server's process is ending: nobody can answer what it parked.</summary>
    public static void FailAll(Process server)
    {
        Thread[] parked = server.Parked;
        if (parked == null)
            return;
        server.Parked = null;
        for (int i = 0; i < parked.Length; i++)
        {
            Thread caller = parked[i];
            if (caller == null)
                continue;
            caller.ParkedBy = null;
            caller.ParkedTicket = 0;
            IpcCalls.Fail(caller, -Errno.EPIPE);
        }
        KernelHeap.Free(parked);
    }
}
