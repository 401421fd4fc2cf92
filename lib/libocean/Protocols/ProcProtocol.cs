namespace Ocean.Protocols;

/// <summary>
/// What the process server (servers/proc) answers. Clients reach it through the send capability in
/// <see cref="ServiceSlot.Proc"/>, which the kernel gives init at boot: proc is started by the kernel,
/// is never restarted and is never looked up. The request is the message label; reply labels are 0 or
/// a positive errno, as in <see cref="InitProtocol"/>. docs/design/process-and-memory-servers.md has
/// the requests still to come.
/// </summary>
public enum ProcRequest : uint
{
    /// <summary>
    /// fork. No words. Reply word 0: the child's pid in the parent; the child returns from the same
    /// call with label 0 and word 0 = 0. EAGAIN at the process limit (proc's table holds zombies
    /// too, and keeps the last entries for init), ENOMEM without memory.
    /// </summary>
    Fork = 1,
    /// <summary>
    /// exec. Words 0–4: the path, argv, envp (null-terminated arrays of strings; 0 for none), an ELF
    /// image and its size (0: the boot module the path names), all addresses in the caller's memory.
    /// No reply on success: the caller's call ends as its new program starts. ENOENT, ENOEXEC, E2BIG,
    /// EFAULT, EBUSY (other threads), EINVAL (a short request, or one lending a grant).
    /// </summary>
    Exec = 2,
    /// <summary>
    /// waitpid. Word 0: a child's pid, -1 for any, 0 for any in the caller's process group, below -1 for any in group -pid; word 1: options (<see cref="Ocean.Abi.WaitStatus.NoHang"/>).
    /// Reply words: the pid reaped (0 with NoHang while they all run) and its status. ECHILD without
    /// such a child; EINVAL for unknown options. A wait that must block is answered when the child ends.
    /// </summary>
    Wait = 3,
    /// <summary>
    /// kill. Word 0: a pid, or 0 for every process in the caller's process group, or below -1 for
    /// every process in group -pid; word 1 (optional, SIGKILL when absent): the signal, 1..31, or 0 to
    /// check only that it could be sent. Each
    /// signal's default action ends the process with it (no process handles signals yet), unless the
    /// process ignores it (<see cref="SignalAction"/>; SIGKILL cannot be ignored). ESRCH if no such
    /// live process (or the group has none); EPERM for init and the kernel-started servers (for a
    /// group: when every member was refused); EINVAL for another signal number.
    /// </summary>
    Kill = 4,
    /// <summary>
    /// getppid, getpgid, getsid. Word 0 (optional): a pid, 0 or absent for the caller (as the kernel
    /// identifies it). Reply words: that pid, its parent's (0 for none), its process group and its
    /// session. ESRCH for no such process.
    /// </summary>
    Identity = 5,
    /// <summary>
    /// Word 0: a pid (0 for the first). Write grant of at least sizeof(ProcessInfo) bytes: the live or
    /// zombie process with the lowest pid above it. Reply word 0: its pid; ESRCH past the last.
    /// </summary>
    List = 6,
    /// <summary>
    /// Word 0: bits. With a notification capability sent along (send right): from now on each end
    /// of a child of the caller's signals it with the bits. Without one: no more. EINVAL for no bits
    /// or another kind of capability; ENOSPC when proc watches for too many processes.
    /// </summary>
    ChildNotify = 7,
    /// <summary>
    /// Word 0: a pid; word 1: a thread id (0 for the first). Write grant of at least sizeof(ThreadInfo)
    /// bytes: its thread with the lowest id above it. Reply word 0: that id; ESRCH without the
    /// process, ENOENT past its last thread.
    /// </summary>
    Threads = 8,
    /// <summary>
    /// setpgid. Word 0: a pid (0: the caller); word 1: a process group (0: that pid). ESRCH unless the
    /// caller or a live child of its; EPERM for a session leader, a child in another session, or a
    /// group that does not exist in the caller's session (other than the pid's own); EACCES for a child
    /// that has run a new program; EINVAL for a negative group.
    /// </summary>
    SetGroup = 9,
    /// <summary>setsid. No words. The caller leads a new session and process group named after it; EPERM if a group is named after it already.</summary>
    NewSession = 10,
    /// <summary>
    /// signal(sig, SIG_IGN or SIG_DFL). Word 0: the signal; word 1: <see cref="ProcProtocol.DefaultAction"/>
    /// or <see cref="ProcProtocol.IgnoreAction"/>. Reply word 0: the action before. Fork and exec keep
    /// it. EINVAL for SIGKILL, a number outside 1..31 or another action.
    /// </summary>
    SignalAction = 11,
    /// <summary>
    /// tcsetpgrp on the console. Word 0: a process group of the caller's session, which becomes the
    /// console's foreground group (the one Ctrl-C interrupts). EPERM for a group with no live member
    /// in the caller's session; EINVAL for a group below 1.
    /// </summary>
    SetForeground = 12,
    /// <summary>tcgetpgrp on the console. No words. Reply word 0: its foreground group, 0 for none (never set, or its members all gone).</summary>
    Foreground = 13,
}

/// <summary>Message layouts of <see cref="ProcRequest"/>.</summary>
public static class ProcProtocol
{
    // Fork: reply word 0.
    public const int ChildWord = 0;

    // Exec: request words.
    public const int ExecPathWord = 0, ExecArgvWord = 1, ExecEnvpWord = 2, ExecImageWord = 3, ExecImageSizeWord = 4, ExecWords = 5;

    // List: request word 0, reply word 0.
    public const int AfterPidWord = 0, PidWord = 0;

    // ChildNotify: request word.
    public const int NotifyBitsWord = 0;

    // Threads: request words, reply word 0.
    public const int ThreadsPidWord = 0, AfterThreadWord = 1, ThreadWord = 0;

    // Wait: request words, reply words. Kill: request word.
    public const int WaitPidWord = 0, WaitOptionsWord = 1, ReapedWord = 0, StatusWord = 1, WaitWords = 2;
    public const int KillPidWord = 0, KillSignalWord = 1;
    public const int SignalWord = 0, ActionWord = 1, SignalActionWords = 2;
    public const ulong DefaultAction = 0, IgnoreAction = 1;
    public const int ForegroundGroupWord = 0;

    // Identity: request word, reply words.
    public const int IdentityPidWord = 0;
    public const int CallerWord = 0, ParentWord = 1, GroupWord = 2, SessionWord = 3, IdentityWords = 4;

    // SetGroup: request words.
    public const int SetGroupPidWord = 0, SetGroupWord = 1, SetGroupWords = 2;
}
