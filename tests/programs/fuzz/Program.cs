namespace Ocean.Tests.Fuzz;

using System.Runtime.InteropServices;
using Ocean.Abi;
using Ocean.Libc;
using Ocean.Protocols;

/// <summary>
/// fuzz: a system-call fuzzer. <c>fuzz SEED CALLS</c> runs one seed; without arguments (as init,
/// <c>init=fuzz</c>) it runs a built-in list. Each seed runs in a forked child, which prints
/// "fuzz: seed S: N calls; 0: a, EFAULT: b, ..." and exits; a child that dies is reported and the
/// next seed runs. Finally "fuzz: all seeds done". The kernel must neither panic nor hang meanwhile.
/// </summary>
public static unsafe class Program
{
    private const int BuiltInSeeds = 5;
    private const long BuiltInCalls = 12_000;
    private const ulong FirstBuiltInSeed = 1;

    /// <summary>Device memory the fuzzing children may map: a 2 MiB hole well above RAM (never touched, only mapped).</summary>
    private const ulong DeviceWindow = 0xFE00_0000, DeviceWindowBytes = 2UL << 20;

    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Main()
    {
        if (Runtime.ArgumentCount == 2 && CString.Is(Runtime.Argument(1), WarmArgument))
            return 0;   // started only so that its pages are loaded (WarmUpPrograms)
        ulong firstSeed = FirstBuiltInSeed;
        int seeds = BuiltInSeeds;
        long calls = BuiltInCalls;
        if (Runtime.ArgumentCount >= 3)
        {
            if (!Numbers.TryParse(Runtime.Argument(1), out long seed) || !Numbers.TryParse(Runtime.Argument(2), out calls) || calls < 0)
            {
                Stdio.WriteLine("usage: fuzz [SEED CALLS]");
                return 2;
            }
            firstSeed = (ulong)seed;
            seeds = 1;
        }
        NarrowDeviceMemory();
        LendEachServerAByte();
        WarmUpSharedMemory();
        WarmUpPrograms();
        for (int i = 0; i < seeds; i++)
            RunSeed(firstSeed + (ulong)i, calls);
        Stdio.WriteLine("fuzz: all seeds done");
        return 0;
    }

    // A server keeps its grant window's page tables once a grant has been mapped there (the next
    // grant reuses them). The seed that happened to lend a server its first grant would pay those
    // pages for good, and they would look lost: so each server this process can call gets a byte
    // lent to it first (an unknown request, which each answers with an errno).
    private static void LendEachServerAByte()
    {
        const uint UnknownRequest = 0xFFFF;
        int* servers = stackalloc int[] { ServiceSlot.Init, ServiceSlot.Proc, ServiceSlot.Mem, ServiceSlot.Vfs, ServiceSlot.Blk };
        byte* lent = stackalloc byte[1];
        for (int i = 0; i < 5; i++)
        {
            IpcMessage message = default;
            message.Tag = MessageTag.Make(UnknownRequest, 0) | MessageTag.GrantRead;
            message.Words[MessageTag.GrantAddressWord] = (ulong)lent;
            message.Words[MessageTag.GrantLengthWord] = 1;
            Ipc.Call(servers[i], &message);   // any answer will do; a slot without a server refuses at once
        }
    }

    private static void RunSeed(ulong seed, long calls)
    {
        long freeBefore = Syscall.FreePages(), heapBefore = Syscall.KernelHeapBytes();
        long child = Runtime.Fork();
        if (child == 0)
            Fuzzer.Run(seed, calls);   // never returns
        if (child < 0)
        {
            Stdio.Write("fuzz: seed ");
            Stdio.Write(seed);
            Stdio.WriteLine(": fork failed");
            return;
        }
        Stdio.Write("fuzz: seed ");
        Stdio.Write(seed);
        Stdio.Write(": pid ");
        Stdio.Write(child);
        Stdio.Write('\n');
        Stdio.Flush();
        int status;
        long waited = ProcClient.WaitPid(child, &status, 0);
        if (waited != child || !WaitStatus.IfExited(status) || WaitStatus.ExitCode(status) != 0)
        {
            Stdio.Write("fuzz: seed ");
            Stdio.Write(seed);
            Stdio.Write(": child ended badly, status ");
            Stdio.Write((long)(waited == child ? status : waited));
            Stdio.Write('\n');
        }
        // As init, orphans of earlier processes come to us: reap whatever has ended by now.
        while (ProcClient.WaitPid(-1, &status, WaitStatus.NoHang) > 0)
        {
        }
        // Shared-memory objects outlive the child that made them: their names go now.
        Fuzzer.UnlinkSharedObjects();
        // What the kernel did not give back (a leak shows as a steady loss from seed to seed).
        Stdio.Write("fuzz: seed ");
        Stdio.Write(seed);
        Stdio.Write(": free pages before ");
        Stdio.Write(freeBefore);
        Stdio.Write(", after ");
        Stdio.Write(Syscall.FreePages());
        Stdio.Write('\n');
        Stdio.Write("fuzz: seed ");
        Stdio.Write(seed);
        Stdio.Write(": kernel heap bytes before ");
        Stdio.Write(heapBefore);
        Stdio.Write(", after ");
        Stdio.Write(Syscall.KernelHeapBytes());
        Stdio.Write('\n');
    }

    private const string WarmArgument = "--warm";

    // The kernel keeps a boot module's read-only pages once an exec has loaded them (ProgramPageCache):
    // both programs the seeds exec are started here first, so that no seed pays for them.
    private static void WarmUpPrograms()
    {
        byte* truePath = stackalloc byte[] { (byte)'t', (byte)'r', (byte)'u', (byte)'e', 0 };
        byte* fuzzPath = stackalloc byte[] { (byte)'f', (byte)'u', (byte)'z', (byte)'z', 0 };
        byte* warm = stackalloc byte[] { (byte)'-', (byte)'-', (byte)'w', (byte)'a', (byte)'r', (byte)'m', 0 };
        byte** argv = stackalloc byte*[3];
        argv[0] = truePath;
        argv[1] = null;
        StartAndWait(truePath, argv);
        argv[0] = fuzzPath;
        argv[1] = warm;
        argv[2] = null;
        StartAndWait(fuzzPath, argv);
    }

    private static void StartAndWait(byte* path, byte** argv)
    {
        long child = ProcClient.Fork();
        if (child == 0)
        {
            ProcClient.Exec(path, argv, null);
            Syscall.Exit(1);
        }
        int status;
        if (child > 0)
            ProcClient.WaitPid(child, &status, 0);
    }

    // The memory server's first shared object leaves it page tables it keeps: made and dropped
    // here, so that no seed pays them and looks like a leak.
    private static void WarmUpSharedMemory()
    {
        byte* name = stackalloc byte[] { (byte)'f', (byte)'z', (byte)'w' };
        MemClient.SharedCreate(name, 3, Arena.PageSize, Protection.Read);
        MemClient.SharedUnlink(name, 3);
    }

    // As init the fuzzer holds every hardware capability; mapping all device memory in each call
    // would only be slow, so the children get a small window of it (ports and IRQ lines stay whole).
    private static void NarrowDeviceMemory()
    {
        long kind = Ipc.Identify(BootstrapSlot.DeviceMemory);
        if (kind < 0 || (kind >> 8 & 0xFF) != (long)ObjectKind.DeviceMemory)
            return;
        long narrowed = Syscall.Raw((ulong)SyscallNumber.CapNarrow, BootstrapSlot.DeviceMemory, DeviceWindow, DeviceWindowBytes, 0, 0);
        if (narrowed < 0)
            return;
        Ipc.Delete(BootstrapSlot.DeviceMemory);
        Ipc.Move(narrowed, BootstrapSlot.DeviceMemory);
    }
}
