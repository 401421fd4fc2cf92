namespace Ocean.Tests.UserTests;

using System;
using System.Runtime.CompilerServices;
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
        for (int i = 0; i < 256; i++)
            words[i] = 0;
    }
}
