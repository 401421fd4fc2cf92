namespace Ocean.Tests.UserTests;

using Ocean.Abi;
using Ocean.Libc;

/// <summary>
/// Kernel objects a program can create, exhausted with user memory already gone (issue 29): many
/// processes create pipes, endpoints or notifications until refused. Each must be refused with
/// ENOMEM (the kernel's reserve) or its own limit (EMFILE, ENOSPC), never panic the kernel; once they
/// end, every page and every byte of kernel heap comes back. Typed at the shell as <c>utest exhaust</c>,
/// which must go on working afterwards.
/// </summary>
public static unsafe partial class Program
{
    private const int Holders = 200;
    private const int PipeKind = 0, EndpointKind = 1, NotificationKind = 2, ThreadKind = 3, KindCount = 4;
    private const int MaxThreadsPerHolder = 64;
    private const ulong HolderThreadStackBytes = 4096;
    private const long NoLimit = -9999;   // reported when nothing refused a holder
    private const ulong HogChunkBytes = 1UL << 20, HogPageBytes = 4096;
    private const int MaxHogMappings = 4096;
    private const int TouchedStackBytes = 16 * 1024;
    private const ulong SettleNanoseconds = 20_000_000;

    private static void ExhaustKernelObjects()
    {
        // proc keeps the waits it parks in a table the kernel allocates at its first park, which may
        // not have come yet when the shell has just started this program (seen in CI: the shell's
        // own wait for utest parked after the first measurement). A wait for a sleeping child parks.
        long sleeper = ProcClient.Fork();
        if (sleeper == 0)
        {
            Syscall.Sleep(SettleNanoseconds);
            Syscall.Exit(0);
        }
        Check(ExitCodeOf(sleeper) == 0, "exhaustion: a child that sleeps is waited for");
        long freeBefore = Syscall.FreePages(), heapBefore = Syscall.KernelHeapBytes();
        for (int kind = 0; kind < KindCount; kind++)
        {
            int refusedByReserve = ExhaustOneKind(kind, out bool clean);
            Stdio.Write("utest: exhaustion: ");
            Stdio.Write(KindName(kind));
            Stdio.Write(": ");
            Stdio.Write((long)refusedByReserve);
            Stdio.Write(" of 200 holders refused with ENOMEM, the rest by their own limit; kernel heap bytes ");
            Stdio.Write(Syscall.KernelHeapBytes() - heapBefore);
            Stdio.WriteLine(" from the start");
            Check(clean, kind switch
            {
                PipeKind => "exhaustion: pipes created by 200 processes with no user memory left: each refused with ENOMEM or EMFILE",
                EndpointKind => "exhaustion: endpoints created by 200 processes with no user memory left: each refused with ENOMEM or ENOSPC",
                NotificationKind => "exhaustion: notifications created by 200 processes with no user memory left: each refused with ENOMEM or ENOSPC",
                _ => "exhaustion: threads (each blocked for good) created by 200 processes with no user memory left: each refused with ENOMEM or EAGAIN",
            });
        }
        // The first rounds may grow the kernel's caches and tables, which keep their pages: only heap bytes must match exactly.
        Check(Syscall.KernelHeapBytes() == heapBefore, "exhaustion: every byte of kernel heap comes back once the holders end");
        Stdio.Write("utest: exhaustion: kernel heap bytes before ");
        Stdio.Write(heapBefore);
        Stdio.Write(", after ");
        Stdio.Write(Syscall.KernelHeapBytes());
        Stdio.WriteLine("");
        Stdio.Write("utest: exhaustion: free pages before ");
        Stdio.Write(freeBefore);
        Stdio.Write(", after ");
        Stdio.Write(Syscall.FreePages());
        Stdio.WriteLine("");
    }

    private static string KindName(int kind) => kind switch
    {
        PipeKind => "pipes",
        EndpointKind => "endpoints",
        NotificationKind => "notifications",
        _ => "threads",
    };

    // Forks the holders, takes all user memory, lets them create objects of the kind until refused,
    // then ends them and gives the memory back. Returns how many were refused by the reserve.
    private static int ExhaustOneKind(int kind, out bool clean)
    {
        clean = false;
        int* go = stackalloc int[2];
        int* reports = stackalloc int[2];
        int* end = stackalloc int[2];
        if (Syscall.Pipe(go) != 0 || Syscall.Pipe(reports) != 0 || Syscall.Pipe(end) != 0)
            return 0;
        var holders = stackalloc long[Holders];
        int started = 0;
        for (; started < Holders; started++)
        {
            holders[started] = ProcClient.Fork();
            if (holders[started] == 0)
            {
                // Only the ends it uses: more descriptors for objects, and the end pipe's EOF reaches it.
                Syscall.Close(go[1]);
                Syscall.Close(reports[0]);
                Syscall.Close(end[1]);
                Syscall.Exit(Hold(kind, go[0], reports[1], end[0]));
            }
            if (holders[started] < 0)
                break;
        }
        bool ready = true;
        for (int i = 0; i < started; i++)
            ready &= ReadWord(reports[0]) == 0;   // each holder's "ready": its stack is its own

        // mem stops any one process at three quarters of memory: a second hog takes the rest, at once.
        long helper = ProcClient.Fork();
        if (helper == 0)
        {
            Syscall.Close(go[1]);
            Syscall.Close(reports[0]);
            Syscall.Close(end[1]);
            Syscall.Exit(HogUntilTheEnd(reports[1], end[0]));
        }
        ulong* mappings = stackalloc ulong[MaxHogMappings];
        ulong* lengths = stackalloc ulong[MaxHogMappings];
        int mapped = Hog(mappings, lengths);
        bool helped = helper > 0 && ReadWord(reports[0]) == 0;

        byte* start = stackalloc byte[Holders];
        Syscall.Write(go[1], start, (ulong)started);
        int refusedByReserve = 0;
        bool allRefused = true;
        for (int i = 0; i < started; i++)
        {
            long error = ReadWord(reports[0]);
            refusedByReserve += error == -Errno.ENOMEM ? 1 : 0;
            allRefused &= error == -Errno.ENOMEM || error == -Errno.EMFILE || error == -Errno.ENOSPC || error == -Errno.EAGAIN;
        }
        for (int i = 0; i < mapped; i++)
            global::Ocean.Memory.Unmap(mappings[i], lengths[i]);
        Syscall.Close(end[1]);   // end of file: the holders end
        bool ended = helped && ExitCodeOf(helper) == 0;
        for (int i = 0; i < started; i++)
            ended &= ExitCodeOf(holders[i]) == 0;
        Syscall.Close(end[0]);
        Syscall.Close(go[0]);
        Syscall.Close(go[1]);
        Syscall.Close(reports[0]);
        Syscall.Close(reports[1]);
        clean = started == Holders && ready && allRefused && ended;
        return refusedByReserve;
    }

    // Maps user memory until refused: 1 MiB at a time, then page by page.
    private static int Hog(ulong* mappings, ulong* lengths)
    {
        int count = 0;
        for (ulong size = HogChunkBytes; size >= HogPageBytes && count < MaxHogMappings; size = size == HogChunkBytes ? HogPageBytes : 0)
            while (count < MaxHogMappings)
            {
                long area = global::Ocean.Memory.Map(0, size, Protection.Read | Protection.Write);
                if (area < 0)
                    break;
                mappings[count] = (ulong)area;
                lengths[count++] = size;
            }
        return count;
    }

    // The second hog: maps what it can (its pages go with it when it exits), says so, waits for the end.
    private static int HogUntilTheEnd(int report, int end)
    {
        for (ulong size = HogChunkBytes; size >= HogPageBytes; size = size == HogChunkBytes ? HogPageBytes : 0)
            while (global::Ocean.Memory.Map(0, size, Protection.Read | Protection.Write) >= 0)
            {
            }
        WriteWord(report, 0);
        byte signal;
        Syscall.Read(end, &signal, 1);   // returns at end of file
        return 0;
    }

    // A holder: makes its stack its own (so no copy-on-write fault needs memory later), says it is
    // ready, waits for the go, creates objects until refused, reports the errno, waits for the end.
    private static int Hold(int kind, int go, int report, int end)
    {
        TouchStackBelow();
        // Threads need stacks, and there will be no user memory to map them from: mapped now.
        ulong stacks = kind == ThreadKind ? (ulong)global::Ocean.Memory.Map(0, MaxThreadsPerHolder * HolderThreadStackBytes, Protection.Read | Protection.Write) : 0;
        long blocker = kind == ThreadKind ? Notifications.Create() : 0;
        WriteWord(report, 0);
        byte signal;
        if (Syscall.Read(go, &signal, 1) != 1)
            return 1;
        long result;
        int* fds = stackalloc int[2];
        int threads = 0;
        do
            result = kind switch
            {
                PipeKind => Syscall.Pipe(fds),
                EndpointKind => Ipc.CreateEndpoint(),
                NotificationKind => Notifications.Create(),
                // Each on a stack of its own; more than the kernel's 64 per process would be a failure.
                _ => threads < MaxThreadsPerHolder
                    ? Threads.Create(&WaitForever, stacks + (ulong)++threads * HolderThreadStackBytes, (ulong)blocker)
                    : NoLimit,
            };
        while (result >= 0);
        WriteWord(report, result);
        Syscall.Read(end, &signal, 1);   // returns at end of file
        return 0;
    }

    // The pages below the caller's frame, where everything it calls will run, become this process's own.
    private static void TouchStackBelow()
    {
        byte* stack = stackalloc byte[TouchedStackBytes];
        for (int i = 0; i < TouchedStackBytes; i += (int)HogPageBytes)
            stack[i] = 1;
    }

    private static void WriteWord(int fd, long value) => Syscall.Write(fd, (byte*)&value, sizeof(long));

    private static long ReadWord(int fd)
    {
        long value = 1;
        return Syscall.Read(fd, (byte*)&value, sizeof(long)) == sizeof(long) ? value : 1;
    }
}
