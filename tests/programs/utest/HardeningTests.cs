namespace Ocean.Tests.UserTests;

using System.Runtime.InteropServices;
using Ocean.Abi;
using Ocean.Libc;

/// <summary>
/// What an unprivileged program must not be able to do to the kernel (issue 29): each test performs
/// the sequence that once broke it and checks the errno, that the machine goes on, and that no page
/// is lost.
/// </summary>
public static unsafe partial class Program
{
    private const ulong UserHalfEnd = 0x0000_8000_0000_0000;
    private const ulong HugeMapping = 0x0000_7000_0000_0000;
    private const int LeakyExecs = 300, BigArguments = 31, BigArgumentBytes = 4095;
    private const int PipeCapacity = 4096;   // the kernel pipe's ring

    private static void Hardening()
    {
        long heapBefore = Syscall.KernelHeapBytes();
        long freeBefore = Syscall.FreePages();
        long first = global::Ocean.Memory.Map(0, 4096, Protection.Read | Protection.Write);
        long huge = global::Ocean.Memory.Map(0, HugeMapping, Protection.Read | Protection.Write);
        long next = global::Ocean.Memory.Map(0, 4096, Protection.Read | Protection.Write);
        Check(first > 0 && huge == -Errno.ENOMEM && next > 0 && (ulong)next < UserHalfEnd,
            "hardening: an mmap longer than the room below the last one is ENOMEM, and the next mmap stays in the user half");
        global::Ocean.Memory.Unmap((ulong)first, 4096);
        if (next > 0 && (ulong)next < UserHalfEnd)
            global::Ocean.Memory.Unmap((ulong)next, 4096);
        Check(Syscall.FreePages() == freeBefore, "hardening: those mappings leave no page behind");

        Check(ExitCodeOf(Spawn(&ExecWithHugeArguments, 0)) == 0,
            "hardening: 300 execs refused with E2BIG (31 arguments of 4,095 bytes) leave no kernel memory behind");

        freeBefore = Syscall.FreePages();
        Check(ExitCodeWithin(Spawn(&CloseUnderBlockedPipeUser, 0)) == 0,
            "hardening: both ends of a pipe closed under a thread blocked reading it: the read gets end of file");
        Check(ExitCodeWithin(Spawn(&CloseUnderBlockedPipeUser, 1)) == 0,
            "hardening: both ends of a full pipe replaced (dup2) and closed under a thread blocked writing it: the write gets EPIPE");
        Check(ExitCodeWithin(Spawn(&ReceiveAgainWithoutReplying, 0)) == 0,
            "hardening: a server that receives again without replying: its caller gets EPIPE, also once the server is gone");
        Check(ExitCodeWithin(Spawn(&DeleteUnderBlockedUser, 0)) == 0 && ExitCodeWithin(Spawn(&DeleteUnderBlockedUser, 1)) == 0,
            "hardening: an endpoint (a notification) deleted under a thread blocked receiving (waiting) on it: the thread gets EPIPE");
        Check(Syscall.FreePages() == freeBefore, "hardening: those leave no page behind");
        Check(Syscall.KernelHeapBytes() == heapBefore, "hardening: every sequence above gives back every byte of kernel heap it took");
    }

    private static long _blockedResult;
    private static volatile bool _blockedDone;

    [UnmanagedCallersOnly]
    private static void ReadOneByte(ulong fd)
    {
        byte value;
        _blockedResult = Syscall.Read((int)fd, &value, 1);
        _blockedDone = true;
    }

    [UnmanagedCallersOnly]
    private static void WriteOneByte(ulong fd)
    {
        byte value = 1;
        _blockedResult = Syscall.Write((int)fd, &value, 1);
        _blockedDone = true;
    }

    private static bool BlockedCallEnded()
    {
        for (int i = 0; i < 200 && !_blockedDone; i++)
            Syscall.Sleep(5_000_000);
        return _blockedDone;
    }

    // Child: a sibling blocks reading an empty pipe (0) or writing a full one (1); this thread closes
    // both ends under it (the pipe was freed while the sibling still used it).
    private static int CloseUnderBlockedPipeUser(long writer)
    {
        int* fds = stackalloc int[2];
        if (Syscall.Pipe(fds) != 0)
            return 10;
        if (writer != 0)
        {
            byte* fill = stackalloc byte[PipeCapacity];
            if (Syscall.Write(fds[1], fill, PipeCapacity) != PipeCapacity)
                return 11;
            Threads.Create(&WriteOneByte, NewStackTop(), (ulong)fds[1]);
        }
        else
            Threads.Create(&ReadOneByte, NewStackTop(), (ulong)fds[0]);
        Syscall.Sleep(QueueDelayNs);
        if (writer != 0)
            Syscall.Dup2(Stdio.StandardError, fds[1]);   // replaces the write end
        Syscall.Close(fds[0]);
        Syscall.Close(fds[1]);
        if (!BlockedCallEnded())
            return 12;
        return _blockedResult == (writer != 0 ? -Errno.EPIPE : 0) ? 0 : 13;
    }

    [UnmanagedCallersOnly]
    private static void ReceiveOnce(ulong endpoint)
    {
        IpcMessage message = default;
        _blockedResult = Ipc.Receive((long)endpoint, &message);
        _blockedDone = true;
    }

    [UnmanagedCallersOnly]
    private static void WaitOnce(ulong notification)
    {
        _blockedResult = Notifications.Wait((long)notification);
        _blockedDone = true;
    }

    // Child: a sibling blocks receiving on an endpoint (0) or waiting on a notification (1); this
    // thread deletes the only capability, so the object goes while the sibling waits on it.
    private static int DeleteUnderBlockedUser(long notification)
    {
        long slot = notification != 0 ? Notifications.Create() : Ipc.CreateEndpoint();
        if (notification != 0)
            Threads.Create(&WaitOnce, NewStackTop(), (ulong)slot);
        else
            Threads.Create(&ReceiveOnce, NewStackTop(), (ulong)slot);
        Syscall.Sleep(QueueDelayNs);
        if (Ipc.Delete(slot) != 0)
            return 20;
        if (!BlockedCallEnded())
            return 21;
        return _blockedResult == -Errno.EPIPE ? 0 : 22;
    }

    [UnmanagedCallersOnly]
    private static void ReceiveTwiceThenEnd(ulong endpoint)
    {
        IpcMessage message = default;
        Ipc.Receive((long)endpoint, &message);
        message.Tag = MessageTag.NonBlocking;
        Ipc.Receive((long)endpoint, &message);   // drops the reply right of the call it holds
    }

    // Child: its call is received by a sibling that never replies and then ends; the call must fail
    // (it hung, and killing the caller afterwards read the freed server thread).
    private static int ReceiveAgainWithoutReplying(long unused)
    {
        long endpoint = Ipc.CreateEndpoint();
        Threads.Create(&ReceiveTwiceThenEnd, NewStackTop(), (ulong)endpoint);
        IpcMessage message = default;
        message.Tag = MessageTag.Make(1, 0);
        long result = Ipc.Call(endpoint, &message);
        Syscall.Sleep(QueueDelayNs);   // the server thread ends and is freed
        return result == -Errno.EPIPE ? 0 : 1;
    }

    // Child: exec that fails with E2BIG after the kernel copied the arguments, many times over.
    private static int ExecWithHugeArguments(long unused)
    {
        byte** argv = (byte**)Heap.Allocate((nuint)(BigArguments + 1) * 8);
        for (int i = 0; i < BigArguments; i++)
        {
            byte* text = (byte*)Heap.Allocate(BigArgumentBytes + 1);
            for (int k = 0; k < BigArgumentBytes; k++)
                text[k] = (byte)'a';
            text[BigArgumentBytes] = 0;
            argv[i] = text;
        }
        argv[BigArguments] = null;
        byte* path = stackalloc byte[16];
        Copy("/bin/true", path);
        if (ProcClient.Exec(path, argv, null) != -Errno.E2BIG)
            return 1;   // the first one may grow the kernel's caches
        long freeBefore = Syscall.FreePages();
        for (int i = 0; i < LeakyExecs; i++)
            if (ProcClient.Exec(path, argv, null) != -Errno.E2BIG)
                return 2;
        return Syscall.FreePages() == freeBefore ? 0 : 3;
    }

    private const int ConsoleFloodBytes = 32 * 1024, FloodLine = 64;
    private const long CallsDuringFlood = 32;   // the write is 128 chunks of 256 bytes
    private static volatile bool _flooding, _flooded, _counted;
    private static long _callsDuringFlood;

    [UnmanagedCallersOnly]
    private static void CountCallsDuringFlood(ulong unused)
    {
        while (!_flooding)
        {
        }
        long calls = 0;
        while (!_flooded)
        {
            Syscall.GetPid();
            calls++;
        }
        _callsDuringFlood = calls;
        _counted = true;
    }

    /// <summary>
    /// Needs two CPUs (run by <c>utest smp</c>): while one thread writes 32 KiB to the console, a thread
    /// on the other CPU must still get into the kernel (one write held every CPU for the whole transfer).
    /// </summary>
    private static void ConsoleWriteLetsOthersIn()
    {
        byte* text = (byte*)Heap.Allocate(ConsoleFloodBytes);
        for (int i = 0; i < ConsoleFloodBytes; i++)
            text[i] = (byte)(i % FloodLine == FloodLine - 1 ? '\n' : '.');
        _flooding = _flooded = _counted = false;
        Threads.Create(&CountCallsDuringFlood, NewStackTop(), 0);
        Syscall.Sleep(QueueDelayNs);
        _flooding = true;
        long written = Syscall.Write(Stdio.StandardOutput, text, ConsoleFloodBytes);
        _flooded = true;
        for (int i = 0; i < 200 && !_counted; i++)
            Syscall.Sleep(5_000_000);
        Stdio.Write("utest: system calls on the other CPU during a 32 KiB console write: ");
        Stdio.Write(_callsDuringFlood);
        Stdio.WriteLine("");
        Check(written == ConsoleFloodBytes && _counted && _callsDuringFlood >= CallsDuringFlood,
            "hardening: a 32 KiB console write lets the other CPU into the kernel between chunks");
        Heap.Free(text);
    }
}
