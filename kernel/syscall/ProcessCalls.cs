namespace Ocean.Kernel.Syscall;

using Ocean.Abi;
using Ocean.Kernel.Arch.X86_64.Cpu;
using Ocean.Kernel.Arch.X86_64.Interrupt;
using Ocean.Kernel.Mm;
using Ocean.Kernel.Proc;
using Ocean.Kernel.Sched;

/// <summary>
/// The process and thread calls: exit, getpid, yield, exec and exec_image (their arguments
/// copied in here), sleep, current_cpu, thread_create, thread_exit. The work itself is
/// in kernel/proc; the process server's own calls are <see cref="ProcessControl"/>.
/// </summary>
public static unsafe class ProcessCalls
{
    public static long Exit(ulong status)
    {
        Processes.ExitCurrent(WaitStatus.Exited((int)status));
        return 0;   // not reached
    }

    public static long GetPid() => Processes.Current.Pid;

    public static long Yield()
    {
        Scheduler.Yield();
        return 0;
    }

    public static long Exec(InterruptFrame* frame, ulong path, ulong argv, ulong envp) => Exec(frame, path, argv, envp, 0, 0);

    /// <summary>exec_image(path, image, size, argv, envp): an empty image is no program (size 0 would otherwise mean "exec path from the boot modules").</summary>
    public static long ExecImage(InterruptFrame* frame, ulong path, ulong image, ulong size, ulong argv, ulong envp) =>
        size == 0 ? -Errno.ENOEXEC : Exec(frame, path, argv, envp, image, size);

    public static long Sleep(ulong nanoseconds)
    {
        Scheduler.Sleep(nanoseconds);
        return 0;
    }

    public static long CurrentCpu() => CpuLocal.Current->Index;

    public static long CreateThread(ulong entry, ulong stackTop, ulong argument0, ulong argument1) => Threads.Create(entry, stackTop, argument0, argument1);

    public static long ExitThread()
    {
        Processes.ExitThread();
        return 0;   // not reached
    }


    /// <summary>The largest program exec_image accepts (it is copied into the kernel heap first).</summary>
    private const ulong MaxImageBytes = 16UL << 20;

    // exec, or exec_image when imageSize > 0: the image is copied in before the address space goes.
    private static long Exec(InterruptFrame* frame, ulong pathAddress, ulong argvAddress, ulong envpAddress, ulong imageAddress, ulong imageSize)
    {
        byte* image = null;
        if (imageSize > 0)
        {
            if (imageSize > MaxImageBytes)
                return -Errno.E2BIG;
            image = (byte*)KernelHeap.Allocate((nuint)imageSize);
            if (image == null)
                return -Errno.ENOMEM;
            long copyError = UserMemory.CopyFrom(image, imageAddress, imageSize);
            if (copyError != 0)
            {
                KernelHeap.Free(image);
                return copyError;
            }
        }
        long result = ExecCopied(frame, pathAddress, argvAddress, envpAddress, image, imageSize);
        if (image != null)
            KernelHeap.Free(image);
        return result;
    }

    private static long ExecCopied(InterruptFrame* frame, ulong pathAddress, ulong argvAddress, ulong envpAddress, byte* image, ulong imageSize)
    {
        byte[] path = UserMemory.CopyString(pathAddress, SyscallLimits.MaxPathLength + 1, out long error);
        if (path == null)
            return error;
        byte[][] argv = UserMemory.CopyStringArray(argvAddress, out error);
        if (argv == null)
        {
            KernelHeap.Free(path);
            return error;
        }
        byte[][] envp = UserMemory.CopyStringArray(envpAddress, out error);
        if (envp == null)
        {
            KernelHeap.Free(path);   // a bad envp leaked the path copy
            FreeStrings(argv);
            return error;
        }
        long result = Processes.Exec(frame, path, argv, envp, image, imageSize);
        // On success the path became the process's name; the argument copies are on its stack now.
        if (result != 0)
            KernelHeap.Free(path);
        FreeStrings(argv);
        FreeStrings(envp);
        return result;
    }

    private static void FreeStrings(byte[][] strings)
    {
        for (int i = 0; i < strings.Length; i++)
            KernelHeap.Free(strings[i]);
        KernelHeap.Free(strings);
    }
}
