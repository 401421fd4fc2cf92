namespace Ocean.Abi;

/// <summary>
/// System call numbers: the one definition shared by the kernel's syscall table and lib/libocean.
/// Arguments go in RDI, RSI, RDX, R10, R8 (in the order given per call), the number in RAX; the
/// result comes back in RAX, a negative <see cref="Errno"/> on failure.
/// </summary>
public enum SyscallNumber : ulong
{
    /// <summary>exit(status): ends the calling process.</summary>
    Exit = 0,
    /// <summary>write(fd, buffer, length) → bytes written. fd 1 and 2 are the console.</summary>
    Write = 1,
    /// <summary>read(fd, buffer, length) → bytes read, 0 at end of file. fd 0 is the console.</summary>
    Read = 2,
    /// <summary>getpid() → pid.</summary>
    GetPid = 3,
    /// <summary>yield(): gives up the rest of the time slice.</summary>
    Yield = 4,
    // 5 was getppid (the process server answers it now: ProcClient.ParentPid); it is space_change now.
    /// <summary>
    /// space_change(slot, <see cref="SpaceChange"/>*): maps, unmaps or protects a range of a process's
    /// memory and updates its layout words, if they are as expected (ESTALE otherwise). For the holder of
    /// the <see cref="ObjectKind.AddressSpaces"/> capability: the memory server's brk, mmap, munmap and mprotect.
    /// </summary>
    SpaceChange = 5,
    // 6 was fork: the process server forks its caller now (ProcClient.Fork, process_fork).
    // 7 was exec, and 47 exec_image: the process server replaces its caller's program now (ProcClient.Exec, process_exec).
    // 8 was waitpid: the process server answers it now (ProcClient.WaitPid), reaping through process_reap.
    /// <summary>sleep(nanoseconds).</summary>
    Sleep = 9,
    // 10 was kill: the process server decides who may kill whom (ProcClient.Kill) and calls process_kill.
    // 11–14 were brk, mmap, munmap and mprotect: the memory server places memory now (lib/libocean's
    // Memory class asks it; it calls space_change).
    /// <summary>clock_gettime(clock, Timespec*): only the monotonic clock (0).</summary>
    ClockGetTime = 15,
    /// <summary>free_pages() → the number of free physical pages (for leak checks).</summary>
    FreePages = 16,
    /// <summary>current_cpu() → the index of the CPU running the caller.</summary>
    CurrentCpu = 17,
    /// <summary>endpoint_create(flags) → the slot of a new endpoint capability with all rights (<see cref="EndpointFlags"/>; unknown flags: -EINVAL).</summary>
    EndpointCreate = 18,
    /// <summary>cap_mint(slot, rights, badge) → a new slot: the same object, rights ∩ the original's, a badge.</summary>
    CapMint = 19,
    /// <summary>cap_delete(slot).</summary>
    CapDelete = 20,
    /// <summary>send(slot, tag, words...): blocks until a receiver takes the message (needs Send).</summary>
    Send = 21,
    /// <summary>receive(slot) → tag, words and the sender's badge (needs Receive).</summary>
    Receive = 22,
    /// <summary>call(slot, tag, words...) → the reply: send, then wait on a one-shot reply right.</summary>
    Call = 23,
    /// <summary>reply(tag, words...): answers the last call this thread received.</summary>
    Reply = 24,
    /// <summary>reply_receive(slot, tag, words...): reply (if a call is pending), then receive: a server loop in one call.</summary>
    ReplyReceive = 25,
    /// <summary>cap_revoke(slot) → how many capabilities derived from it (at any depth, in any process) were deleted.</summary>
    CapRevoke = 26,
    /// <summary>cap_narrow(slot, first, count) → a new slot naming a sub-range of a hardware capability.</summary>
    CapNarrow = 27,
    /// <summary>cap_identify(slot) → kind (bits 8..15) | rights (bits 0..7).</summary>
    CapIdentify = 28,
    /// <summary>notification_create() → the slot of a new notification with all rights.</summary>
    NotificationCreate = 29,
    /// <summary>signal(slot, bits): ORs bits (and the capability's badge) into the signal word (needs Send).</summary>
    Signal = 30,
    /// <summary>wait(slot, flags) → the pending bits, cleared; blocks while none (needs Receive).</summary>
    Wait = 31,
    /// <summary>notification_bind(slot or -1): the caller's receives also return when the notification is signalled.</summary>
    NotificationBind = 32,
    /// <summary>irq_bind(irq slot, notification slot, bits): the line signals the bits and stays masked until acknowledged.</summary>
    IrqBind = 33,
    /// <summary>irq_ack(irq slot): unmasks the line after the driver has handled it.</summary>
    IrqAck = 34,
    /// <summary>device_map(slot, protection) → the address where the device memory range is mapped, uncached.</summary>
    DeviceMap = 35,
    /// <summary>thread_create(entry, stack top, a0, a1) → thread id: a new thread of the caller's process, RDI = a0, RSI = a1.</summary>
    ThreadCreate = 36,
    /// <summary>thread_exit(): ends the calling thread (the last thread's exit ends the process with status 0).</summary>
    ThreadExit = 37,
    /// <summary>boot_package(index, buffer, length) → the length of "Package@version" of the kernel (0) or boot module index-1; -ENOENT past the last.</summary>
    BootPackage = 38,
    /// <summary>pipe(int fds[2]): fds[0] reads, fds[1] writes; read returns 0 once every write end is closed, write fails with EPIPE once every read end is.</summary>
    Pipe = 39,
    /// <summary>dup2(fd, target) → target: target now names the same open file as fd (closing what it named before).</summary>
    Dup2 = 40,
    /// <summary>close(fd).</summary>
    Close = 41,
    // 42 was process_info: the process table is read through the process server now (process_read, 52).
    /// <summary>power_off(): ends the machine (init only: -EPERM for any other process).</summary>
    PowerOff = 43,
    /// <summary>cap_move(slot, target slot): moves a capability within the caller's space (its derivation is kept, so revoke still reaches it).</summary>
    CapMove = 44,
    // 45 was child_notify: the process server tells a parent of its children's ends now (process_ended, 61).
    /// <summary>boot_module_read(path, offset, buffer, length) → bytes copied from the boot module at path (0 at its end).</summary>
    BootModuleRead = 46,
    /// <summary>
    /// space_share(AddressSpaces slot, address, length, pid, protection) → the address in pid's space
    /// where the caller's pages [address, address + length) are now mapped too, shared (fork shares
    /// them as they are, never copy-on-write): the memory server's shared-memory objects. -ESRCH
    /// without such a live process, -EFAULT for a page of the caller's that is missing, lent or a
    /// device's, -ENOMEM when pid's address space or a page's count of sharers is full. (47 was
    /// exec_image, see 7.)
    /// </summary>
    SpaceShare = 47,
    /// <summary>boot_module_info(index, BootModuleInfo*) → 0; -ENOENT past the last module.</summary>
    BootModuleInfo = 48,
    /// <summary>kernel_heap_bytes() → bytes of kernel heap in use (objects and large blocks), for leak checks.</summary>
    KernelHeapBytes = 49,
    // 50 was memory_info: the totals are read through the memory server now (memory_read, 53).
    // 51 was thread_info: threads are listed through the process server now (thread_read, 60).
    /// <summary>process_read(Processes slot, after pid, ProcessInfo*) → the pid described: the live or zombie process with the lowest pid above the given one; -ESRCH past the last (the process server's view of the kernel's table).</summary>
    ProcessRead = 52,
    /// <summary>memory_read(AddressSpaces slot, MemoryInfo*) → 0: total and free memory, and the kernel's share (the memory server's view, for free).</summary>
    MemoryRead = 53,
    /// <summary>space_usage(AddressSpaces slot, pid) → bytes of memory the process has mapped (device memory left out); -ESRCH without such a live process.</summary>
    SpaceUsage = 54,
    /// <summary>reply_park() → a ticket (1 and up): the pending call's reply right moves to the ticket, and the server may receive again; the call's grant ends. -EINVAL without a pending call, -EAGAIN when the process holds too many.</summary>
    ReplyPark = 55,
    /// <summary>reply_parked(ticket, tag, words): answers a parked call as reply would; -EINVAL for a ticket that is not parked (never was, answered, or its caller was killed).</summary>
    ReplyParked = 56,
    /// <summary>process_events(Processes slot, notification slot, bits): from now on every process end signals the notification with the bits (the process server learns of ends).</summary>
    ProcessEvents = 57,
    /// <summary>
    /// process_faulted(Processes slot, FaultReport*) → the pid of the oldest thread stopped by a fault
    /// the kernel could not resolve, its report written; -EAGAIN when none. The thread stays stopped
    /// until its process is killed. (58 was process_reap until the zombies moved to the process server.)
    /// </summary>
    ProcessFaulted = 58,
    /// <summary>process_kill(Processes slot, pid, signal): ends the process, its status "killed by signal"; -ESRCH if no such live process, -EINVAL for a signal outside 1..64. Who may is the process server's rule.</summary>
    ProcessKill = 59,
    /// <summary>thread_read(Processes slot, pid, after thread id, ThreadInfo*) → the id described: the thread of pid with the lowest id above the given one; -ESRCH if there is no such process, -ENOENT past its last thread.</summary>
    ThreadRead = 60,
    /// <summary>process_ended(Processes slot, ProcessEnd*) → the pid of the oldest process end not yet read, its parent and status written; the kernel then frees the process (the server keeps the zombie). -EAGAIN when there is none.</summary>
    ProcessEnded = 61,
    /// <summary>
    /// process_fork(Processes slot, pid) → pid: forks the process whose call the caller is serving, from
    /// that call's thread, into a child with the pid the process server chose; the copy starts as if
    /// the call had been answered with label 0 and word 0 = 0. -EINVAL when no call waits for an answer
    /// or for a pid outside 1..2^31-1; -EEXIST when a process has that pid; -EAGAIN at the process limit.
    /// </summary>
    ProcessFork = 62,
    /// <summary>
    /// process_exec(Processes slot, ExecArguments*) → 0: replaces the program of the process whose call
    /// the caller is serving (its only thread), reading path, argv, envp and any image from that
    /// process's memory; the call then ends unanswered and the new program starts. -EINVAL when no call
    /// waits or it lent a grant; -EBUSY with other threads; -ENOENT, -ENOEXEC, -E2BIG, -EFAULT as exec.
    /// </summary>
    ProcessExec = 63,
    /// <summary>
    /// thread_count() → how many threads of the caller's process have not ended, the caller included
    /// (the collector reads only the running thread's stack, so it waits for a process of one thread).
    /// </summary>
    ThreadCount = 64,
    /// <summary>
    /// fault_handler(entry) → 0: from now on a divide error, or a page fault in the null area, of any of
    /// the caller's threads goes to <c>entry</c> with a <see cref="FaultRecord"/> (libc turns them into
    /// DivideByZeroException and NullReferenceException); 0 turns it off. Fork keeps it, exec clears it.
    /// Any other fault, or one whose record does not fit on the thread's stack, ends the process as
    /// before. -EFAULT for an entry outside the user half.
    /// </summary>
    FaultHandler = 65,
    /// <summary>thread_self() → the calling thread's id (as thread_create returned it; unique in the system while it runs).</summary>
    ThreadSelf = 66,
    /// <summary>
    /// threads_stop(StoppedThread*, capacity) → how many other threads the caller's process has: returns
    /// once none of them runs user code, each one's id and registers written, and none runs user code
    /// again until threads_resume (a collector's stop of the world); 0, and nothing stopped, when it
    /// has no other thread. A thread blocked in a call stays in it. -EBUSY while another thread has
    /// them stopped; -E2BIG (nothing stopped) when they outnumber capacity; -EFAULT for a bad buffer.
    /// </summary>
    ThreadsStop = 67,
    /// <summary>threads_resume() → 0: the threads the caller stopped go on; -EINVAL when it stopped none. A stopper's end resumes them too.</summary>
    ThreadsResume = 68,
    /// <summary>
    /// console_input(line slot, bytes*, length) → bytes taken: the console's input driver (the holder of
    /// COM1's interrupt line, bound) hands programs' console reads what it has made of typed keys: a
    /// record that a read returns at most up to its end (a line with its newline, or what Ctrl-D
    /// handed over); length 0 is end of file (one read returns 0). Takes what fits, 0 when programs
    /// have not read what came before. -EPERM for any other line, or one not bound; -EFAULT.
    /// </summary>
    ConsoleInput = 69,
    /// <summary>
    /// console_take_back(line slot, bytes*, length) → bytes copied: the console's input driver takes
    /// back every byte programs have not read (what does not fit is dropped), to cook keys typed ahead
    /// in raw mode once the terminal leaves it. -EPERM for any line but COM1's bound one; -EFAULT.
    /// </summary>
    ConsoleTakeBack = 70,
    /// <summary>isatty(fd) → 1 when the descriptor names the console (a terminal), 0 for a pipe; -EBADF.</summary>
    IsTerminal = 71,
    /// <summary>
    /// process_stop(Processes slot, pid, stop) → 0: with stop = 1 no thread of the process runs user
    /// code until process_stop(…, 0) (job control's SIGSTOP and SIGCONT; a thread in a call finishes it
    /// first, and a console read takes nothing meanwhile); a kill still ends it. -ESRCH for no such live
    /// process, -EINVAL for stop above 1 or the caller itself. Who may is the process server's rule.
    /// </summary>
    ProcessStop = 72,
    /// <summary>
    /// process_console(Processes slot, pid, background) → 0: with 1 the process is not of the console's
    /// foreground group: a console read of its waits, and the server hears of it (its event
    /// notification; <see cref="ProcessInfo.FlagWantsConsole"/> in process_read) to stop it with
    /// SIGTTIN; 0 lets such reads go on. Fork keeps it. -ESRCH, -EINVAL for another value.
    /// </summary>
    ProcessConsole = 73,
}

/// <summary>How many numbers the table has: anything at or above is -ENOSYS.</summary>
public static class SyscallLimits
{
    public const ulong Count = 74;
    public const int MaxPathLength = 255;
    public const int MaxArguments = 32;
    public const int MaxArgumentBytes = 4096;
    /// <summary>How many file descriptors a process can have open (0..MaxOpenFiles-1).</summary>
    public const int MaxOpenFiles = 16;
}

/// <summary>mmap/mprotect protection bits.</summary>
public static class Protection
{
    public const ulong Read = 1, Write = 2, Execute = 4;
}

/// <summary>waitpid options and status encoding, as on Unix.</summary>
public static class WaitStatus
{
    public const ulong NoHang = 1;
    /// <summary>WUNTRACED: a child stopped by a signal is reported too (once per stop).</summary>
    public const ulong Untraced = 2;

    /// <summary>Normal exit: the code in bits 8..15.</summary>
    public static int Exited(int code) => (code & 0xFF) << 8;

    /// <summary>Killed: the signal number in bits 0..6.</summary>
    public static int Killed(int signal) => signal & 0x7F;

    public static bool IfExited(int status) => (status & 0x7F) == 0;
    public static int ExitCode(int status) => (status >> 8) & 0xFF;
    public static int TermSignal(int status) => status & 0x7F;

    /// <summary>Stopped: 0x7F, and the signal in bits 8..15 (check before <see cref="IfExited"/>'s other cases).</summary>
    public static int Stopped(int signal) => StoppedMark | (signal & 0xFF) << 8;
    public static bool IfStopped(int status) => (status & 0xFF) == StoppedMark;
    public static int StopSignal(int status) => (status >> 8) & 0xFF;
    private const int StoppedMark = 0x7F;
}

/// <summary>Why the kernel killed a process (the Unix signal numbers, so statuses read familiarly).</summary>
public static class Signal
{
    public const int Hangup = 1, Interrupt = 2, Quit = 3, IllegalInstruction = 4, ArithmeticError = 8, Kill = 9, SegmentationFault = 11;
    public const int Terminate = 15, Child = 17, Continue = 18, Stop = 19, TerminalStop = 20, TerminalInput = 21, TerminalOutput = 22;

    /// <summary>The highest signal number (signals are 1..Max).</summary>
    public const int Max = 31;
}

/// <summary>The clocks clock_gettime reads.</summary>
public static class ClockId
{
    /// <summary>Time since boot, for intervals; never goes back.</summary>
    public const ulong Monotonic = 0;

    /// <summary>The time of day: since 1970-01-01 00:00:00 UTC (the CMOS clock at boot, carried on by the monotonic one).</summary>
    public const ulong Realtime = 1;
}

/// <summary>A point in time: seconds and nanoseconds.</summary>
public struct Timespec
{
    public long Seconds;
    public long Nanoseconds;
}
