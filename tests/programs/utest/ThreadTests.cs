namespace Ocean.Tests.UserTests;

using System.Runtime.InteropServices;
using Ocean.Abi;
using Ocean.Libc;

/// <summary>Threads: shared memory, IPC between threads of one process, and a process ending as a whole.</summary>
public static unsafe partial class Program
{
    private const ulong ThreadStackBytes = 64 * 1024;
    private static long _threadSeen;

    private static ulong NewStackTop() => (ulong)global::Ocean.Memory.Map(0, ThreadStackBytes, Protection.Read | Protection.Write) + ThreadStackBytes;

    // Writes the shared global, then signals the notification it was given.
    [UnmanagedCallersOnly]
    private static void MarkAndSignal(ulong notification)
    {
        _threadSeen = 4242;
        Notifications.Signal((long)notification, 1);
    }

    [UnmanagedCallersOnly]
    private static void ServeOneCall(ulong endpoint)
    {
        IpcMessage message = default;
        Ipc.Receive((long)endpoint, &message);
        message.Words[0] += 1;
        Ipc.Reply(&message);
    }

    [UnmanagedCallersOnly]
    private static void WaitForever(ulong notification)
    {
        Notifications.Wait((long)notification);
    }

    [UnmanagedCallersOnly]
    private static void SpinForever(ulong unused)
    {
        while (true) { }
    }

    [UnmanagedCallersOnly]
    private static void WriteWild(ulong unused)
    {
        *(long*)FaultRecord.NullAreaEnd = 1;   // past the null area: a fault, not an exception
    }

    [UnmanagedCallersOnly]
    private static void ReadNull(ulong unused)
    {
        ReadValue(null);   // a NullReferenceException nobody catches
    }

    private static long _sink;

    [UnmanagedCallersOnly]
    private static void ReadForever(ulong page)
    {
        while (true)
            _sink += *(long*)page;
    }

    // Child: a second thread keeps reading a page (on the other CPU when there is one); the first unmaps
    // it. The reader must fault (killing the process) rather than go on through a stale translation.
    private static int UnmapUnderReader(long unused)
    {
        ulong page = (ulong)global::Ocean.Memory.Map(0, 4096, Protection.Read | Protection.Write);
        Threads.Create(&ReadForever, NewStackTop(), page);
        Syscall.Sleep(10_000_000);
        global::Ocean.Memory.Unmap(page, 4096);
        Syscall.Sleep(50_000_000);
        return 0;
    }

    // Child: a second thread blocks (or spins); the first exits: the whole process must end with its status.
    private static int ExitWithOtherThread(long spin)
    {
        long notification = Notifications.Create();
        Threads.Create(spin != 0 ? &SpinForever : &WaitForever, NewStackTop(), (ulong)notification);
        Syscall.Sleep(5_000_000);
        return Threads.Count() == 2 ? 5 : 6;   // (thread_count sees both)
    }

    [UnmanagedCallersOnly]
    private static void ReceiveForever(ulong endpoint)
    {
        IpcMessage message = default;
        Ipc.Receive((long)endpoint, &message);
    }

    // Child: starts a thread that will block in a receive nobody answers and exits at once, before
    // that thread has run (or while it runs on the other CPU): the kill's wake-up cannot reach it,
    // so it must find out when it tries to block. The process ended only by luck before.
    private static int ExitBeforeThreadBlocks(long unused)
    {
        Threads.Create(&ReceiveForever, NewStackTop(), (ulong)Ipc.CreateEndpoint());
        Syscall.Exit(6);
        return 1;
    }

    private const int ExitRaceRounds = 20, EndNaps = 200;
    private const ulong EndNapNs = 10_000_000;

    // The child's exit code if it ends within about 2 s (waiting without blocking for ever), else -2.
    private static int ExitCodeWithin(long pid)
    {
        int status;
        for (int nap = 0; nap < EndNaps; nap++)
        {
            long reaped = ProcClient.WaitPid(pid, &status, WaitStatus.NoHang);
            if (reaped == pid)
                return WaitStatus.IfExited(status) ? WaitStatus.ExitCode(status) : 128 + WaitStatus.TermSignal(status);
            if (reaped != 0)
                return -1;
            Syscall.Sleep(EndNapNs);
        }
        ProcClient.Kill(pid);   // a stuck process would outlive the test otherwise
        ExitCodeOf(pid);
        return -2;
    }

    private static bool ExitsBeforeThreadsBlock()
    {
        for (int round = 0; round < ExitRaceRounds; round++)
            if (ExitCodeWithin(Spawn(&ExitBeforeThreadBlocks, 0)) != 6)
                return false;
        return true;
    }

    private static int FaultInOtherThread(long unused)
    {
        long notification = Notifications.Create();
        Threads.Create(&WriteWild, NewStackTop(), 0);
        Notifications.Wait(notification);
        return 0;
    }

    private static int UnhandledInOtherThread(long unused)
    {
        long notification = Notifications.Create();
        Threads.Create(&ReadNull, NewStackTop(), 0);
        Notifications.Wait(notification);
        return 0;
    }

    private static void ThreadBasics()
    {
        long notification = Notifications.Create();
        long tid = Threads.Create(&MarkAndSignal, NewStackTop(), (ulong)notification);
        bool shared = tid > 0 && Notifications.Wait(notification) == 1 && _threadSeen == 4242;
        Check(shared, "threads: a second thread shares the address space and capabilities, and ends without ending the process");

        long endpoint = Ipc.CreateEndpoint();
        Threads.Create(&ServeOneCall, NewStackTop(), (ulong)endpoint);
        IpcMessage message = default;
        message.Tag = MessageTag.Make(1, 8);
        message.Words[0] = 41;
        Check(Ipc.Call(endpoint, &message) == 0 && message.Words[0] == 42, "threads: call and reply between two threads of one process");

        long freeBefore = Syscall.FreePages();
        Check(ExitCodeOf(Spawn(&ExitWithOtherThread, 0)) == 5 && ExitCodeOf(Spawn(&ExitWithOtherThread, 1)) == 5,
            "threads: exit in one thread ends every thread (blocked or running) with that status");
        Check(ExitsBeforeThreadsBlock(),
            "threads: exit while another thread has not yet started (and then blocks in a receive) still ends the process, 20 times");
        Check(ExitCodeOf(Spawn(&FaultInOtherThread, 0)) == 128 + Signal.SegmentationFault,
            "threads: a fault in one thread kills the whole process");
        Check(ExitCodeOf(Spawn(&UnhandledInOtherThread, 0)) == UnhandledExceptionStatus,
            "threads: an exception nobody catches in one thread (a null reference) ends the whole process with 134");
        Check(ExitCodeOf(Spawn(&UnmapUnderReader, 0)) == 128 + Signal.SegmentationFault,
            "threads: memory unmapped by one thread is gone at once for a thread running on another CPU");
        Check(Syscall.FreePages() == freeBefore, "threads: processes with several threads leave no page behind once reaped");
        Check(Threads.Create(&SpinForever, 12345, 0) == -Errno.EINVAL && Threads.Create(null, NewStackTop(), 0) == -Errno.EINVAL,
            "threads: a misaligned stack or a null entry is refused");
        Ipc.Delete(endpoint);
        Ipc.Delete(notification);
    }
}
