namespace Ocean.Tests.Bench;

using System.Runtime;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Ocean.Abi;
using Ocean.Libc;

/// <summary>
/// bench: measures the null system call, IPC call+reply round trips between two address spaces and
/// between two threads of one (0 and 64 bytes each), and call+reply round trips that lend a 4 KiB
/// and a 64 KiB grant, as TSC ticks
/// per operation (under QEMU -icount shift=0 one tick is one guest instruction). Each figure is the
/// median of <see cref="Runs"/> runs of <see cref="Iterations"/> operations.
/// </summary>
public static unsafe class Program
{
    private const int Runs = 9;
    private const int Iterations = 1000;

    [RuntimeImport("*", "ReadTimestamp")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    private static extern ulong ReadTimestamp();

    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Main()
    {
        // A benchmark drives no hardware: it gives up init's hardware capabilities (and their I/O bitmap).
        for (int slot = 0; slot < BootstrapSlot.Count; slot++)
            Ipc.Delete(slot);
        Stdio.WriteLine("bench: ticks per operation (instructions under -icount), median of 9 runs of 1000");
        ulong* samples = stackalloc ulong[Runs];

        for (int run = 0; run < Runs; run++)
        {
            ulong start = ReadTimestamp();
            for (int i = 0; i < Iterations; i++)
                Syscall.GetPid();
            samples[run] = (ReadTimestamp() - start) / Iterations;
        }
        Report("null syscall (getpid)", samples);

        long endpoint = Ipc.CreateEndpoint();
        long server = Runtime.Fork();
        if (server == 0)
            Serve(endpoint);
        MeasureCalls(endpoint, 0, samples);
        Report("IPC call+reply between address spaces, 0 bytes", samples);
        MeasureCalls(endpoint, IpcLayout.MaxPayloadBytes, samples);
        Report("IPC call+reply between address spaces, 64 bytes", samples);
        // The same between two threads of this process (no address-space switch).
        long local = Ipc.CreateEndpoint();
        ulong stack = (ulong)Syscall.Mmap(0, ServerStackBytes, Protection.Read | Protection.Write);
        Threads.Create(&ServeThread, stack + ServerStackBytes, (ulong)local);
        MeasureCalls(local, 0, samples);
        Report("IPC call+reply between two threads of one address space, 0 bytes", samples);
        MeasureCalls(local, IpcLayout.MaxPayloadBytes, samples);
        Report("IPC call+reply between two threads of one address space, 64 bytes", samples);

        byte* buffer = (byte*)Syscall.Mmap(0, GrantBytesLarge, Protection.Read | Protection.Write);
        MeasureGrants(endpoint, buffer, GrantBytesSmall, samples);
        Report("IPC call+reply lending a 4 KiB grant", samples);
        MeasureGrants(endpoint, buffer, GrantBytesLarge, samples);
        Report("IPC call+reply lending a 64 KiB grant", samples);

        Syscall.Kill(server);
        int status;
        Syscall.WaitPid(server, &status, 0);
        Stdio.WriteLine("bench: done");
        return 0;
    }

    private const ulong ServerStackBytes = 64 * 1024;

    [UnmanagedCallersOnly]
    private static void ServeThread(ulong endpoint) => Serve((long)endpoint);

    private static void Serve(long endpoint)
    {
        IpcMessage message = default;
        Ipc.Receive(endpoint, &message);
        while (true)
            Ipc.ReplyReceive(endpoint, &message);
    }

    private static void MeasureCalls(long endpoint, int bytes, ulong* samples)
    {
        IpcMessage message = default;
        for (int run = 0; run < Runs; run++)
        {
            ulong start = ReadTimestamp();
            for (int i = 0; i < Iterations; i++)
            {
                message.Tag = MessageTag.Make(1, bytes);
                Ipc.Call(endpoint, &message);
            }
            samples[run] = (ReadTimestamp() - start) / Iterations;
        }
    }

    private const ulong GrantBytesSmall = 4096, GrantBytesLarge = 64 * 1024;

    private static void MeasureGrants(long endpoint, byte* buffer, ulong bytes, ulong* samples)
    {
        IpcMessage message = default;
        for (int run = 0; run < Runs; run++)
        {
            ulong start = ReadTimestamp();
            for (int i = 0; i < Iterations; i++)
            {
                message.Tag = MessageTag.Make(1, 0) | MessageTag.GrantRead;
                message.Words[MessageTag.GrantAddressWord] = (ulong)buffer;
                message.Words[MessageTag.GrantLengthWord] = bytes;
                Ipc.Call(endpoint, &message);
            }
            samples[run] = (ReadTimestamp() - start) / Iterations;
        }
    }

    private static void Report(string name, ulong* samples)
    {
        // Insertion sort: nine values.
        for (int i = 1; i < Runs; i++)
            for (int j = i; j > 0 && samples[j - 1] > samples[j]; j--)
            {
                ulong t = samples[j];
                samples[j] = samples[j - 1];
                samples[j - 1] = t;
            }
        Stdio.Write("bench: ");
        Stdio.Write(name);
        Stdio.Write(": median ");
        Stdio.Write((long)samples[Runs / 2]);
        Stdio.Write(", min ");
        Stdio.Write((long)samples[0]);
        Stdio.Write(", max ");
        Stdio.Write((long)samples[Runs - 1]);
        Stdio.WriteLine("");
    }
}
