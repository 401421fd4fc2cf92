namespace Ocean.Tests.UserTests;

using System;
using System.Runtime.CompilerServices;
using Ocean.Abi;
using Ocean.Libc;

/// <summary>
/// The collector on Ocean (lib/libc/Gc): objects made with new come back once nothing reaches them;
/// what a static, a local or another live object refers to stays, intact. Runs before any test
/// starts a thread (a process with threads is not collected yet).
/// </summary>
public static unsafe partial class Program
{
    private sealed class Node
    {
        public Node Next;
        public long Value;
        public byte[] Payload;
    }

    private static Node s_kept;

    private static void Collection()
    {
        Check(Threads.Count() == 1, "thread_count: a process of one thread");
        s_kept = new Node { Value = 4242, Payload = new byte[100] };
        s_kept.Payload[99] = 7;
        HeapStatistics before = Heap.Statistics;
        ulong collectionsBefore = Heap.Collections;

        // 64 MiB of short-lived objects; one in a hundred joins a list that stays reachable from a local.
        Node kept = null;
        const int Rounds = 64 * 1024;
        for (int i = 0; i < Rounds; i++)
        {
            var node = new Node { Value = i, Payload = new byte[1000] };
            node.Payload[i % 1000] = (byte)i;
            if (i % 100 == 0)
            {
                node.Next = kept;
                kept = node;
            }
        }
        HeapStatistics after = Heap.Statistics;
        Check(Heap.Collections > collectionsBefore, "gc: allocating collects");
        Check(after.BytesFromKernel - before.BytesFromKernel < 8 * 1024 * 1024, "gc: 64 MiB of short-lived objects in under 8 MiB of heap");
        bool intact = true;
        int count = 0;
        for (Node node = kept; node != null; node = node.Next, count++)
            intact &= node.Value % 100 == 0 && node.Payload[(int)(node.Value % 1000)] == (byte)node.Value;
        Check(intact && count == (Rounds + 99) / 100, "gc: objects a local reaches are kept intact");
        Check(s_kept.Value == 4242 && s_kept.Payload[99] == 7, "gc: objects a static reaches are kept intact");

        // An object nothing reaches any more goes at GC.Collect.
        long heldBefore = GC.GetTotalMemory(true);
        AllocateAndDrop(1 << 20);
        ScrubStack();
        long heldAfter = GC.GetTotalMemory(true);
        Check(heldAfter <= heldBefore + 1024, "gc: GC.Collect frees an unreachable 1 MiB array");
        GC.KeepAlive(kept);

        // A heap that held much for a while and let it go gives the memory back to mem: in a program
        // of its own (this one's heap is scattered with what the tests above keep).
        long child = Runtime.Fork();
        if (child == 0)
            Exec("utest", "trim", 8000);
        int status = 0;
        ProcClient.WaitPid(child, &status, 0);
        Check(WaitStatus.IfExited(status) && WaitStatus.ExitCode(status) == 0, "heap: a heap that held 8 MB and freed it gives the memory back to mem");

        Check(OutOfMemoryIsCaught(), "gc: new past the process's memory limit throws OutOfMemoryException, caught, and the next new works");
    }

    // Two GiB is more than mem lets one process map on any machine utest boots: the heap collects,
    // asks again, is refused, and the allocation throws the exception the runtime made at start.
    private static bool OutOfMemoryIsCaught()
    {
        string message = null;
        try
        {
            byte[] huge = new byte[int.MaxValue];
            huge[0] = 1;
        }
        catch (OutOfMemoryException e)
        {
            message = e.Message;
        }
        byte[] after = new byte[1 << 20];
        after[after.Length - 1] = 1;
        return message == "out of memory" && after[after.Length - 1] == 1;
    }

    // `utest trim N`: N blocks of 1,000 bytes allocated, then freed; 0 when the heap grew by most of
    // them and gave it back. (Explicit frees: an object dropped for the collector may still be named
    // by a stale word on the stack, and the arena gives back only its free end.)
    private static int TrimAfterDrop(int blocks)
    {
        ulong start = Heap.Statistics.BytesFromKernel;
        var held = (byte**)Heap.Allocate((nuint)blocks * (nuint)sizeof(byte*));
        for (int i = 0; i < blocks; i++)
            held[i] = (byte*)Heap.Allocate(1000);
        ulong grown = Heap.Statistics.BytesFromKernel;
        for (int i = blocks - 1; i >= 0; i--)
            Heap.Free(held[i]);
        Heap.Free(held);
        ulong after = Heap.Statistics.BytesFromKernel;
        // (four collection intervals of free end, 4 MiB, are kept, and up to 768 KiB more)
        if (grown >= start + (ulong)blocks * 800 && after <= start + 5 * 1024 * 1024)
            return 0;
        Stdio.Write("utest trim: heap from the kernel at start ");
        Stdio.Write((long)start);
        Stdio.Write(", holding ");
        Stdio.Write((long)grown);
        Stdio.Write(", after ");
        Stdio.Write((long)after);
        Stdio.WriteLine("");
        return 1;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AllocateAndDrop(int bytes)
    {
        var array = new byte[bytes];
        array[bytes - 1] = 1;
    }

    // Stale copies of dropped references below the stack pointer would be read as roots by the next
    // collection (its frames reuse that memory): overwrite them.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ScrubStack()
    {
        ulong* words = stackalloc ulong[256];
        Clear(words, 256);   // (stores into a buffer this method never reads could be left out)
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Clear(ulong* words, int count)
    {
        for (int i = 0; i < count; i++)
            words[i] = 0;
    }
}
