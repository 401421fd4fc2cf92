namespace Ocean.Tests.UserTests;

using System;
using System.Runtime.InteropServices;
using System.Threading;
using Ocean.Abi;
using Ocean.Libc;

/// <summary>
/// The collector with threads (lib/libc/Heap.cs, kernel/proc/ThreadStops.cs): in a process of three
/// threads that all allocate, collections stop the other two and read their stacks and registers, so
/// garbage comes back while what each thread's locals reach stays intact. Runs as "utest gcthreads"
/// in a process of its own (utest's own threads were started on stacks libc does not know).
/// </summary>
public static unsafe partial class Program
{
    private const int Workers = 2;
    private const int NodesPerThread = 32 * 1024;   // 32 MiB of short-lived objects each

    // What each thread found, by index (the main thread last): 1 intact, 2 broken; 0 still running.
    private static readonly int[] s_threadResults = new int[Workers + 1];

    // Bit by bit, which check failed (the parent names them).
    private const int NoCollection = 1, HeapGrew = 2, WorkerBroken = 4, MainBroken = 8, NotStarted = 16;

    private static void CollectionWithThreads()
    {
        long child = Runtime.Fork();
        if (child == 0)
            Exec("utest", "gcthreads", 0);
        int status = 0;
        ProcClient.WaitPid(child, &status, 0);
        int failed = WaitStatus.IfExited(status) ? WaitStatus.ExitCode(status) : 255;
        Check(failed != 255, "gc threads: a process of three threads that all allocate runs to its end");
        Check((failed & NotStarted) == 0, "gc threads: libc starts threads on stacks it knows (ManagedThreads.Start)");
        Check((failed & NoCollection) == 0, "gc threads: allocating collects with three threads running");
        Check((failed & HeapGrew) == 0, "gc threads: 96 MiB of short-lived objects on three threads in under 16 MiB of heap");
        Check((failed & WorkerBroken) == 0, "gc threads: what the other threads' locals reach is kept intact while one collects");
        Check((failed & MainBroken) == 0, "gc threads: what the collecting thread's locals reach is kept intact");
    }

    // "utest gcthreads": the child's side; its exit status is the bits of the checks that failed.
    private static int CollectWithThreads()
    {
        HeapStatistics before = Heap.Statistics;
        ulong collectionsBefore = Heap.Collections;
        for (int i = 0; i < Workers; i++)
            if (ManagedThreads.Start(&AllocateOnThread, (ulong)i) < 0)
                return NotStarted;
        s_threadResults[Workers] = AllocateAndKeep(Workers) ? 1 : 2;
        while (Interlocked.CompareExchange(ref s_threadResults[0], 0, 0) == 0 || Interlocked.CompareExchange(ref s_threadResults[1], 0, 0) == 0)
            Syscall.Yield();
        HeapStatistics after = Heap.Statistics;
        Stdio.Write("utest: gc threads: collections ");
        Stdio.Write((long)(Heap.Collections - collectionsBefore));
        Stdio.Write(", heap grew by ");
        Stdio.Write((long)(after.BytesFromKernel - before.BytesFromKernel));
        Stdio.WriteLine(" bytes");
        int failed = 0;
        if (Heap.Collections == collectionsBefore)
            failed |= NoCollection;
        if (after.BytesFromKernel - before.BytesFromKernel >= 16 * 1024 * 1024)
            failed |= HeapGrew;
        if (s_threadResults[0] != 1 || s_threadResults[1] != 1)
            failed |= WorkerBroken;
        if (s_threadResults[Workers] != 1)
            failed |= MainBroken;
        return failed;
    }

    [UnmanagedCallersOnly]
    private static void AllocateOnThread(ulong index) =>
        Interlocked.Exchange(ref s_threadResults[(int)index], AllocateAndKeep((int)index) ? 1 : 2);

    // Allocates NodesPerThread nodes; one in a hundred joins a list only this thread's locals reach.
    private static bool AllocateAndKeep(int thread)
    {
        Node kept = null;
        for (int i = 0; i < NodesPerThread; i++)
        {
            var node = new Node { Value = i * (Workers + 1) + thread, Payload = new byte[1000] };
            node.Payload[i % 1000] = (byte)(i + thread);
            if (i % 100 == 0)
            {
                node.Next = kept;
                kept = node;
            }
        }
        int count = 0;
        bool intact = true;
        for (Node node = kept; node != null; node = node.Next, count++)
        {
            long i = node.Value / (Workers + 1);
            intact &= node.Value % (Workers + 1) == thread && i % 100 == 0 && node.Payload[(int)(i % 1000)] == (byte)(i + thread);
        }
        return intact && count == (NodesPerThread + 99) / 100;
    }
}
