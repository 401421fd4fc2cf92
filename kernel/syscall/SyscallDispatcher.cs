namespace Ocean.Syscall;

using System.Runtime.InteropServices;
using Ocean.Abi;
using Ocean.Arch.X86_64.Cpu;
using Ocean.Arch.X86_64.Interrupt;
using Ocean.Ipc;
using Ocean.Lib;
using Ocean.Mm;
using Ocean.Proc;
using Ocean.Sched;

/// <summary>
/// The system call table: SyscallEntry.asm calls <see cref="Dispatch"/> with the caller's registers.
/// Arguments come from RDI, RSI, RDX, R10, R8; the result (negative errno on failure) goes to RAX.
/// </summary>
public static unsafe class SyscallDispatcher
{
    private const ulong ClockMonotonic = 0;
    private const long NanosecondsPerSecond = 1_000_000_000;

    [UnmanagedCallersOnly(EntryPoint = "SyscallDispatch")]
    private static void Dispatch(InterruptFrame* frame)
    {
        BigKernelLock.Acquire();
        frame->Rax = (ulong)Call(frame, (SyscallNumber)frame->Rax, frame->Rdi, frame->Rsi, frame->Rdx, frame->R10, frame->R8);
        ReturnToUser(frame);
        BigKernelLock.Release();
    }

    /// <summary>On every way back to ring 3: act on a pending kill, switch threads if the slice is over.</summary>
    public static void ReturnToUser(InterruptFrame* frame)
    {
        Process process = Processes.Current;
        if (process.KillPending)
            Processes.ExitCurrent(WaitStatus.Killed(Signal.Kill));
        if (Scheduler.NeedReschedule)
        {
            Scheduler.Yield();
            if (process.KillPending)   // killed while others ran
                Processes.ExitCurrent(WaitStatus.Killed(Signal.Kill));
        }
        // Port capabilities may have changed (delete, revoke, transfer) while this thread ran.
        process.Capabilities.EnforcePorts();
    }

    private static long Call(InterruptFrame* frame, SyscallNumber number, ulong a0, ulong a1, ulong a2, ulong a3, ulong a4)
    {
        switch (number)
        {
            case SyscallNumber.Exit:
                Processes.ExitCurrent(WaitStatus.Exited((int)a0));
                return 0;
            case SyscallNumber.Write:
                return FileCalls.Write((long)a0, a1, a2);
            case SyscallNumber.Read:
                return FileCalls.Read((long)a0, a1, a2);
            case SyscallNumber.Pipe:
                return FileCalls.CreatePipe(a0);
            case SyscallNumber.Dup2:
                return FileCalls.Duplicate((long)a0, (long)a1);
            case SyscallNumber.Close:
                return FileCalls.Close((long)a0);
            case SyscallNumber.ProcessInfo:
                return ProcessQueries.Describe((long)a0, a1);
            case SyscallNumber.PowerOff:
                return PowerCalls.PowerOff();
            case SyscallNumber.CapMove:
                return CapabilityCalls.Move((long)a0, (long)a1);
            case SyscallNumber.ChildNotify:
                return Processes.NotifyChildExits((long)a0, a1);
            case SyscallNumber.BootModuleRead:
                return BootModuleCalls.Read(a0, a1, a2, a3);
            case SyscallNumber.GetPid:
                return Processes.Current.Pid;
            case SyscallNumber.GetParentPid:
                return Processes.Current.Parent == null ? 0 : Processes.Current.Parent.Pid;
            case SyscallNumber.Yield:
                Scheduler.Yield();
                return 0;
            case SyscallNumber.Fork:
                return Processes.Fork(frame);
            case SyscallNumber.Exec:
                return Exec(frame, a0, a1, a2, 0, 0);
            case SyscallNumber.ExecImage:
                // An empty image is no program (size 0 would otherwise mean "exec path from the boot modules").
                return a2 == 0 ? -Errno.ENOEXEC : Exec(frame, a0, a3, a4, a1, a2);
            case SyscallNumber.BootModuleInfo:
                return BootModuleCalls.Describe((long)a0, a1);
            case SyscallNumber.WaitPid:
                return Processes.Wait((long)a0, a1, a2);
            case SyscallNumber.Sleep:
                Scheduler.Sleep(a0);
                return 0;
            case SyscallNumber.Kill:
                return Processes.Kill((long)a0);
            case SyscallNumber.Brk:
                return MemoryCalls.Brk(a0);
            case SyscallNumber.Mmap:
                return MemoryCalls.Map(a0, a1, a2);
            case SyscallNumber.Munmap:
                return MemoryCalls.Unmap(a0, a1);
            case SyscallNumber.Mprotect:
                return MemoryCalls.Protect(a0, a1, a2);
            case SyscallNumber.ClockGetTime:
                return ClockGetTime(a0, a1);
            case SyscallNumber.EndpointCreate:
                return CapabilityCalls.CreateEndpoint();
            case SyscallNumber.CapMint:
                return CapabilityCalls.Mint((long)a0, a1, a2);
            case SyscallNumber.CapDelete:
                return CapabilityCalls.Delete((long)a0);
            case SyscallNumber.CapRevoke:
                return CapabilityCalls.Revoke((long)a0);
            case SyscallNumber.CapNarrow:
                return CapabilityCalls.Narrow((long)a0, a1, a2);
            case SyscallNumber.CapIdentify:
                return CapabilityCalls.Identify((long)a0);
            case SyscallNumber.Send:
                return IpcCalls.Send(frame, (long)a0, false);
            case SyscallNumber.Call:
                return IpcCalls.Send(frame, (long)a0, true);
            case SyscallNumber.Receive:
                return IpcCalls.Receive(frame, (long)a0);
            case SyscallNumber.Reply:
                return IpcCalls.Reply(frame);
            case SyscallNumber.ReplyReceive:
                return IpcCalls.ReplyReceive(frame, (long)a0);
            case SyscallNumber.NotificationCreate:
                return NotificationCalls.Create();
            case SyscallNumber.Signal:
                return NotificationCalls.Signal((long)a0, a1);
            case SyscallNumber.Wait:
                return NotificationCalls.Wait((long)a0, a1);
            case SyscallNumber.NotificationBind:
                return NotificationCalls.Bind((long)a0);
            case SyscallNumber.IrqBind:
                return DeviceCalls.BindInterrupt((long)a0, (long)a1, a2);
            case SyscallNumber.IrqAck:
                return DeviceCalls.AcknowledgeInterrupt((long)a0);
            case SyscallNumber.DeviceMap:
                return DeviceCalls.Map((long)a0, a1);
            case SyscallNumber.ThreadCreate:
                return Threads.Create(a0, a1, a2, a3);
            case SyscallNumber.ThreadExit:
                Processes.ExitThread();
                return 0;
            case SyscallNumber.BootPackage:
                return BootModuleCalls.Package((long)a0, a1, a2);
            case SyscallNumber.CurrentCpu:
                return Ocean.Arch.X86_64.Cpu.CpuLocal.Current->Index;
            case SyscallNumber.FreePages:
                return (long)(Ocean.Mm.PhysicalMemory.FreeBytes / UserLayout.PageSize);
            case SyscallNumber.KernelHeapBytes:
                return (long)Ocean.Mm.KernelHeap.BytesInUse;
            default:
                return -Errno.ENOSYS;
        }
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

    private static long ClockGetTime(ulong clock, ulong address)
    {
        if (clock != ClockMonotonic)
            return -Errno.EINVAL;
        ulong now = Timer.MonotonicNanoseconds;
        var time = new Timespec { Seconds = (long)(now / NanosecondsPerSecond), Nanoseconds = (long)(now % NanosecondsPerSecond) };
        return UserMemory.CopyTo(address, &time, (ulong)sizeof(Timespec));
    }
}
