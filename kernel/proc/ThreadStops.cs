namespace Ocean.Kernel.Proc;

using System.Runtime.CompilerServices;
using Ocean.Abi;
using Ocean.Kernel.Arch.X86_64.Cpu;
using Ocean.Kernel.Arch.X86_64.Interrupt;
using Ocean.Kernel.Sched;
using Ocean.Kernel.Syscall;

/// <summary>
/// A process's collector stops its other threads (threads_stop) to read their stacks and registers
/// while nothing changes them, and lets them go (threads_resume). Stopping is a mark on the process
/// (<see cref="Process.Stopper"/>) that every way back to user mode checks: such a thread parks
/// there instead (<see cref="Park"/>), so a thread blocked in a call stays in it and parks only when
/// the call ends. The stopper waits until no other thread of its process is on a CPU; then each one's
/// saved frame holds the registers it will resume with. The ways back are ReturnToUser (system
/// calls, interrupts, faults, a fast path's own frame), a new thread's first entry, and a fast
/// path's hand-off to a thread that resumes from its frame, which declines a thread that must park.
/// </summary>
public static unsafe class ThreadStops
{
    // How long the stopper lets other CPUs into the kernel between looks (they need the lock to park).
    private const int SpinsBetweenLooks = 200;

    /// <summary>Whether <paramref name="thread"/> must not run user code now (another thread of its process stopped it, or a signal did).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool MustPark(Thread thread)
    {
        Process process = thread.Process;
        return process != null && ((process.Stopper != null && process.Stopper != thread) || process.JobStopped);
    }

    /// <summary>
    /// Job control's stop (SIGSTOP, SIGTSTP: the process server's call): every thread of the process
    /// parks on its way back to user mode; one running user code now is sent there. A thread blocked
    /// in a call stays in it (a console read takes nothing while its process is stopped).
    /// </summary>
    public static void StopJob(Process process)
    {
        process.JobStopped = true;
        for (Thread thread = process.Threads; thread != null; thread = thread.NextInProcess)
            if (thread.State == ThreadState.Running && thread != Scheduler.Current)
                Ipi.Send(CpuLocal.Get(thread.Cpu)->LapicId, InterruptVectors.Reschedule);
    }

    /// <summary>SIGCONT: the stopped process goes on (threads another of its threads stopped stay stopped).</summary>
    public static void ContinueJob(Process process)
    {
        process.JobStopped = false;
        WakeParked(process);
        Lib.ConsoleInput.WakeReaders();   // a read that waited out the stop looks again
    }

    /// <summary>threads_stop(buffer, capacity): see <see cref="SyscallNumber.ThreadsStop"/>.</summary>
    public static long Stop(ulong buffer, ulong capacity)
    {
        Thread self = Scheduler.Current;
        Process process = self.Process;
        if (process.Stopper != null)
            return -Errno.EBUSY;
        ulong others = (ulong)(process.LiveThreads - 1);
        if (others == 0)
            return 0;   // nothing to stop (and no mark left behind that would slow every way back)
        if (others > capacity)
            return -Errno.E2BIG;
        if (others > 0 && UserMemory.CheckWritable(buffer, others * (ulong)sizeof(StoppedThread)) != 0)
            return -Errno.EFAULT;
        process.Stopper = self;
        ulong signalled = 0;   // CPUs told to reschedule, a bit each
        while (!process.KillPending)
        {
            bool running = false;
            for (Thread thread = process.Threads; thread != null; thread = thread.NextInProcess)
            {
                if (thread == self || thread.State == ThreadState.Dead)
                    continue;
                if (thread.State == ThreadState.Running || Atomic.Load((int*)Unsafe.AsPointer(ref thread.OnCpu)) != 0)
                {
                    running = true;
                    // On a CPU in user mode, it sees the mark only once something enters the kernel there.
                    ulong bit = 1UL << thread.Cpu;
                    if (thread.State == ThreadState.Running && (signalled & bit) == 0)
                    {
                        signalled |= bit;
                        Ipi.Send(CpuLocal.Get(thread.Cpu)->LapicId, InterruptVectors.Reschedule);
                    }
                }
            }
            if (!running)
                break;
            BigKernelLock.LetOthersIn();
            for (int spin = 0; spin < SpinsBetweenLooks; spin++)
                Cpu.Pause();
        }
        return Write(process, self, buffer, capacity);
    }

    // Each other live thread's id and registers, from the frame it resumes with; the count, or -E2BIG
    // (and the threads go on) when threads started while the stopper waited outnumber the buffer.
    private static long Write(Process process, Thread self, ulong buffer, ulong capacity)
    {
        ulong count = 0;
        for (Thread thread = process.Threads; thread != null; thread = thread.NextInProcess)
        {
            if (thread == self || thread.State == ThreadState.Dead)
                continue;
            if (count == capacity)
            {
                Resume(process);
                return -Errno.E2BIG;
            }
            var frame = (InterruptFrame*)(thread.KernelStackTop - (ulong)sizeof(InterruptFrame));
            var record = new StoppedThread
            {
                Id = (ulong)thread.Id, Rip = frame->Rip, Rsp = frame->Rsp,
                Rax = frame->Rax, Rbx = frame->Rbx, Rcx = frame->Rcx, Rdx = frame->Rdx,
                Rsi = frame->Rsi, Rdi = frame->Rdi, Rbp = frame->Rbp,
                R8 = frame->R8, R9 = frame->R9, R10 = frame->R10, R11 = frame->R11,
                R12 = frame->R12, R13 = frame->R13, R14 = frame->R14, R15 = frame->R15,
            };
            if (UserMemory.CopyTo(buffer + count * (ulong)sizeof(StoppedThread), &record, (ulong)sizeof(StoppedThread)) != 0)
            {
                Resume(process);
                return -Errno.EFAULT;
            }
            count++;
        }
        return (long)count;
    }

    /// <summary>threads_resume(): the caller's stopped threads go on.</summary>
    public static long Resume()
    {
        Process process = Scheduler.Current.Process;
        if (process.Stopper != Scheduler.Current)
            return -Errno.EINVAL;
        Resume(process);
        return 0;
    }

    /// <summary>The stopper is ending (thread_exit, or its process): whatever it stopped goes on.</summary>
    public static void StopperEnding(Thread thread)
    {
        if (thread.Process != null && thread.Process.Stopper == thread)
            Resume(thread.Process);
    }

    private static void Resume(Process process)
    {
        process.Stopper = null;
        WakeParked(process);
    }

    // Parked threads look again: those still held (by the other kind of stop) park again.
    private static void WakeParked(Process process)
    {
        for (Thread thread = process.Threads; thread != null; thread = thread.NextInProcess)
            if (thread.Parked)
            {
                thread.Parked = false;
                Scheduler.Wake(thread);
            }
    }

    /// <summary>
    /// On a way back to user mode, under the kernel lock at a call's own level: waits while another
    /// thread of the process has it stopped (a kill ends the wait; the caller then acts on it).
    /// </summary>
    public static void Park(Thread self)
    {
        BigKernelLock.EnsureExclusive();
        Process process = self.Process;
        while (MustPark(self) && !process.KillPending)
        {
            self.Parked = true;
            Scheduler.Block();
        }
        self.Parked = false;
    }
}
