namespace Ocean.Kernel.Syscall;

using System.Runtime;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Ocean.Abi;
using Ocean.Kernel.Arch.X86_64.Cpu;
using Ocean.Kernel.Arch.X86_64.Interrupt;
using Ocean.Kernel.Fs;
using Ocean.Kernel.Ipc;
using Ocean.Kernel.Lib;
using Ocean.Kernel.Mm;
using Ocean.Kernel.Proc;
using Ocean.Kernel.Sched;

/// <summary>
/// The system call table: SyscallEntry.asm calls <see cref="Dispatch"/> with the caller's registers.
/// Arguments come from RDI, RSI, RDX, R10, R8; the result (negative errno on failure) goes to RAX.
/// The index is in number order (lib/libocean/Abi/SyscallNumber.cs); each number is handled by
/// <c>&lt;Topic&gt;Calls.&lt;Verb&gt;</c> in kernel/syscall or kernel/ipc.
/// </summary>
public static unsafe class SyscallDispatcher
{
    // Called by SyscallEntry.asm; a runtime export rather than UnmanagedCallersOnly: the kernel has no
    // collector to tell about leaving managed code, so the transition would be pure cost. It holds
    // getpid's whole path, which keeps no register across its one call, and otherwise tail-calls the
    // rest, which so pays no second prologue. Returns the frame to leave by: this one, or that of the
    // thread a fast path handed the CPU to.
    [RuntimeExport("SyscallDispatch")]
    private static InterruptFrame* Dispatch(InterruptFrame* frame)
    {
        if (frame->Rax == (ulong)SyscallNumber.GetPid)
            return AnswerWithoutLock(SyscallNumber.GetPid);
        return DispatchLocked(frame, (SyscallNumber)frame->Rax);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static InterruptFrame* DispatchLocked(InterruptFrame* frame, SyscallNumber number)
    {
        if (number == SyscallNumber.Call || number == SyscallNumber.ReplyReceive || number == SyscallNumber.Signal || number == SyscallNumber.Wait)
        {
            // The fast paths first, beside other CPUs' fast paths: each takes what it can finish at
            // once and leaves the rest untouched for the general path. One that answers this thread
            // leaves by this frame; one that blocks it leaves by the next thread's, whose way out it
            // has checked already (Scheduler.ResumeFromFrame).
            PerCpu* cpu = CpuLocal.Current;
            BigKernelLock.AcquireShared(cpu);
            InterruptFrame* leave = number == SyscallNumber.Call ? IpcFastPath.TryCall(frame, cpu)
                : number == SyscallNumber.ReplyReceive ? IpcFastPath.TryReplyReceive(frame, cpu)
                : number == SyscallNumber.Signal ? NotificationFastPath.TrySignal(frame)
                : NotificationFastPath.TryWait(frame);
            if (leave == frame)
            {
                ReturnToUser(frame);
                BigKernelLock.Release();   // (the way back may have switched threads, and so CPUs)
                return leave;
            }
            // Declined, or leaving by another thread's frame: no switch since the lock was taken here.
            BigKernelLock.Release(cpu);
            if (leave != null)
                return leave;
        }
        if (number == SyscallNumber.CurrentCpu || number == SyscallNumber.FaultHandler)
            return AnswerWithoutLock(number);
        BigKernelLock.Acquire();
        long result = Call(frame, number, frame->Rdi, frame->Rsi, frame->Rdx, frame->R10, frame->R8);
        frame->Rax = (ulong)result;
        ReturnToUser(frame);
        BigKernelLock.Release();
        return frame;
    }

    /// <summary>
    /// A thread that blocked in a fast path (<see cref="Thread.ResumesFromFrame"/>) and was woken by
    /// anything but a fast path's hand-off: its call ends as the fast path would have ended it (the
    /// general wait decides, when a kill came first), on its own stack. Called by ContextSwitch.asm's
    /// ThreadResumeUser under the kernel lock its switcher held, which this lets go.
    /// </summary>
    [RuntimeExport("ThreadResumingFromFrame")]
    private static void ResumeFromFrame(InterruptFrame* frame)
    {
        Thread self = Scheduler.Current;
        frame->Rax = (ulong)(self.IpcState == IpcWait.None ? self.IpcResult : IpcCalls.Wait(self, null));
        ReturnToUser(frame);
        BigKernelLock.Release();
    }

    /// <summary>
    /// Calls that read only what no other CPU changes (the caller's own process id, this CPU's index),
    /// or set only the caller's own process's fault entry (one aligned store, which a fault on another
    /// CPU reads whole, before or after), need no lock: every program's start makes the last. Nor
    /// does the way back, unless it has work: a kill, the end of the time slice, or port capabilities
    /// that changed. Those flags are read without the lock; a change a moment later is
    /// acted on at the next return to user mode, as if it had come just after this call.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static InterruptFrame* AnswerWithoutLock(SyscallNumber number)
    {
        PerCpu* cpu = CpuLocal.Current;
        // The frame is where SyscallEntry.asm built it, at the top of this thread's kernel stack; found
        // again here rather than kept across the call above.
        var frame = (InterruptFrame*)(cpu->KernelStackTop - (ulong)sizeof(InterruptFrame));
        Process process = Scheduler.CurrentOn(cpu).Process;
        frame->Rax = number == SyscallNumber.GetPid ? (ulong)process.Pid
            : number == SyscallNumber.CurrentCpu ? (ulong)cpu->Index
            : (ulong)FaultDelivery.SetEntry(frame->Rdi);
        if (process.KillPending || process.HoldsThreads || Scheduler.NeedRescheduleOn(cpu) || !IoPermissionBitmap.IsActive(cpu, process.Capabilities.PortBitmapStamp))
            return ReturnToUserLocked(frame);   // a tail call: nothing is kept across it
        return frame;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static InterruptFrame* ReturnToUserLocked(InterruptFrame* frame)
    {
        BigKernelLock.Acquire();
        ReturnToUser(frame);
        BigKernelLock.Release();
        return frame;
    }

    /// <summary>On every way back to ring 3: act on a pending kill, switch threads if the slice is over.</summary>
    public static void ReturnToUser(InterruptFrame* frame)
    {
        Thread self = Scheduler.Current;
        Process process = self.Process;   // a user thread's way back: it has one
        if (process.KillPending || Scheduler.NeedReschedule || process.HoldsThreads)
        {
            BigKernelLock.EnsureExclusive();   // after a fast path: exit and switch need the whole kernel
            if (process.KillPending)
                Processes.ExitCurrent(WaitStatus.Killed(Signal.Kill));
            if (Scheduler.NeedReschedule)
            {
                Scheduler.Yield();
                if (process.KillPending)   // killed while others ran
                    Processes.ExitCurrent(WaitStatus.Killed(Signal.Kill));
            }
            if (ThreadStops.MustPark(self))
            {
                ThreadStops.Park(self);   // another thread of the process has it stopped
                if (process.KillPending)
                    Processes.ExitCurrent(WaitStatus.Killed(Signal.Kill));
            }
        }
        // Port capabilities may have changed (delete, revoke, transfer) while this thread ran.
        process.Capabilities.EnforcePorts();
    }

    private static long Call(InterruptFrame* frame, SyscallNumber number, ulong a0, ulong a1, ulong a2, ulong a3, ulong a4) => number switch
    {
        SyscallNumber.Exit => ProcessCalls.Exit(a0),
        SyscallNumber.Write => FileCalls.Write((long)a0, a1, a2),
        SyscallNumber.Read => FileCalls.Read((long)a0, a1, a2),
        SyscallNumber.GetPid => ProcessCalls.GetPid(),
        SyscallNumber.Yield => ProcessCalls.Yield(),
        SyscallNumber.SpaceChange => MemoryCalls.Change((long)a0, a1),
        SyscallNumber.Sleep => ProcessCalls.Sleep(a0),
        SyscallNumber.ClockGetTime => ClockCalls.GetTime(a0, a1),
        SyscallNumber.FreePages => MemoryCalls.FreePages(),
        SyscallNumber.CurrentCpu => ProcessCalls.CurrentCpu(),
        SyscallNumber.EndpointCreate => CapabilityCalls.CreateEndpoint(a0),
        SyscallNumber.CapMint => CapabilityCalls.Mint((long)a0, a1, a2),
        SyscallNumber.CapDelete => CapabilityCalls.Delete((long)a0),
        SyscallNumber.Send => IpcCalls.Send(frame, (long)a0, false),
        SyscallNumber.Receive => IpcCalls.Receive(frame, (long)a0),
        SyscallNumber.Call => IpcCalls.Send(frame, (long)a0, true),
        SyscallNumber.Reply => IpcCalls.Reply(frame),
        SyscallNumber.ReplyReceive => IpcCalls.ReplyReceive(frame, (long)a0),
        SyscallNumber.CapRevoke => CapabilityCalls.Revoke((long)a0),
        SyscallNumber.CapNarrow => CapabilityCalls.Narrow((long)a0, a1, a2),
        SyscallNumber.CapIdentify => CapabilityCalls.Identify((long)a0),
        SyscallNumber.NotificationCreate => NotificationCalls.Create(),
        SyscallNumber.Signal => NotificationCalls.Signal((long)a0, a1),
        SyscallNumber.Wait => NotificationCalls.Wait((long)a0, a1),
        SyscallNumber.NotificationBind => NotificationCalls.Bind((long)a0),
        SyscallNumber.IrqBind => DeviceCalls.BindInterrupt((long)a0, (long)a1, a2),
        SyscallNumber.IrqAck => DeviceCalls.AcknowledgeInterrupt((long)a0),
        SyscallNumber.DeviceMap => DeviceCalls.Map((long)a0, a1),
        SyscallNumber.ThreadCreate => ProcessCalls.CreateThread(a0, a1, a2, a3),
        SyscallNumber.ThreadExit => ProcessCalls.ExitThread(),
        SyscallNumber.BootPackage => BootModuleCalls.Package((long)a0, a1, a2),
        SyscallNumber.Pipe => FileCalls.CreatePipe(a0),
        SyscallNumber.Dup2 => FileCalls.Duplicate((long)a0, (long)a1),
        SyscallNumber.Close => FileCalls.Close((long)a0),
        SyscallNumber.IsTerminal => FileCalls.IsTerminal((long)a0),
        SyscallNumber.PowerOff => PowerCalls.PowerOff(),
        SyscallNumber.CapMove => CapabilityCalls.Move((long)a0, (long)a1),
        SyscallNumber.BootModuleRead => BootModuleCalls.Read(a0, a1, a2, a3),
        SyscallNumber.SpaceShare => MemoryCalls.Share((long)a0, a1, a2, (long)a3, a4),
        SyscallNumber.BootModuleInfo => BootModuleCalls.Describe((long)a0, a1),
        SyscallNumber.KernelHeapBytes => MemoryCalls.KernelHeapBytes(),
        SyscallNumber.ProcessRead => ProcessControl.Read((long)a0, (long)a1, a2),
        SyscallNumber.MemoryRead => MemoryCalls.Read((long)a0, a1),
        SyscallNumber.SpaceUsage => MemoryCalls.Usage((long)a0, (long)a1),
        SyscallNumber.ReplyPark => ParkedReplies.Park(),
        SyscallNumber.ReplyParked => ParkedReplies.Answer(frame),
        SyscallNumber.ProcessEvents => ProcessControl.Events((long)a0, (long)a1, a2),
        SyscallNumber.ProcessFaulted => ProcessControl.Faulted((long)a0, a1),
        SyscallNumber.ProcessKill => ProcessControl.Kill((long)a0, (long)a1, (long)a2),
        SyscallNumber.ProcessStop => ProcessControl.Stop((long)a0, (long)a1, a2),
        SyscallNumber.ProcessConsole => ProcessControl.Console((long)a0, (long)a1, a2),
        SyscallNumber.ThreadRead => ProcessControl.ReadThread((long)a0, (long)a1, (long)a2, a3),
        SyscallNumber.ProcessEnded => ProcessControl.Ended((long)a0, a1),
        SyscallNumber.ProcessFork => ProcessControl.Fork((long)a0, (long)a1),
        SyscallNumber.ProcessExec => ProcessControl.Exec((long)a0, a1),
        SyscallNumber.ThreadCount => ProcessCalls.ThreadCount(),
        SyscallNumber.FaultHandler => ProcessCalls.SetFaultHandler(a0),
        SyscallNumber.ThreadSelf => ProcessCalls.ThreadSelf(),
        SyscallNumber.ThreadsStop => ThreadStops.Stop(a0, a1),
        SyscallNumber.ThreadsResume => ThreadStops.Resume(),
        SyscallNumber.ConsoleInput => DeviceCalls.ConsoleInput((long)a0, a1, a2),
        SyscallNumber.ConsoleTakeBack => DeviceCalls.ConsoleTakeBack((long)a0, a1, a2),
        _ => -Errno.ENOSYS,
    };
}
