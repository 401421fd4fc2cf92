namespace Ocean;

using Ocean.Abi;
using Ocean.Protocols;

/// <summary>The client side of <see cref="ProcProtocol"/>, through the capability in <see cref="ServiceSlot.Proc"/>.</summary>
public static unsafe class ProcClient
{
    private static readonly ServiceConnection _proc = new(ServiceSlot.Proc);

    /// <summary>fork: the child's pid in the parent, 0 in the child, or a negative errno (EAGAIN, ENOMEM).</summary>
    public static long Fork()
    {
        IpcMessage message = default;
        message.Tag = MessageTag.Make((uint)ProcRequest.Fork, 0);
        long result = _proc.Call(&message);
        return result < 0 ? result : (long)message.Words[ProcProtocol.ChildWord];
    }

    /// <summary>exec of a boot module or a program in /boot: returns only on failure, with a negative errno.</summary>
    public static long Exec(byte* path, byte** argv, byte** envp) => Exec(path, argv, envp, null, 0);

    /// <summary>exec of the ELF image at <paramref name="image"/> (named <paramref name="path"/>): returns only on failure, with a negative errno; ENOEXEC for an empty image.</summary>
    public static long ExecImage(byte* path, byte* image, ulong size, byte** argv, byte** envp) =>
        size == 0 ? -Errno.ENOEXEC : Exec(path, argv, envp, image, size);

    private static long Exec(byte* path, byte** argv, byte** envp, byte* image, ulong size)
    {
        IpcMessage message = default;
        message.Tag = MessageTag.Make((uint)ProcRequest.Exec, ProcProtocol.ExecWords * sizeof(ulong));
        message.Words[ProcProtocol.ExecPathWord] = (ulong)path;
        message.Words[ProcProtocol.ExecArgvWord] = (ulong)argv;
        message.Words[ProcProtocol.ExecEnvpWord] = (ulong)envp;
        message.Words[ProcProtocol.ExecImageWord] = (ulong)image;
        message.Words[ProcProtocol.ExecImageSizeWord] = size;
        return _proc.Call(&message);
    }

    /// <summary>waitpid: reaps an ended child (<paramref name="pid"/>; -1 for any, 0 for one in the caller's process group, below -1 for one in group -pid), waiting for one unless <paramref name="options"/> has NoHang; its pid (0: none yet), or a negative errno.</summary>
    public static long WaitPid(long pid, int* status, ulong options)
    {
        IpcMessage message = ServiceConnection.Request((uint)ProcRequest.Wait, (ulong)pid, options);
        long result = _proc.Call(&message);
        if (result < 0)
            return result;
        if (status != null && message.Words[ProcProtocol.ReapedWord] != 0)
            *status = (int)message.Words[ProcProtocol.StatusWord];
        return (long)message.Words[ProcProtocol.ReapedWord];
    }

    /// <summary>kill: ends process <paramref name="pid"/> (0: every process in the caller's group; below -1: every one in group -pid); 0 or a negative errno (ESRCH, EPERM).</summary>
    public static long Kill(long pid) => Kill(pid, Signal.Kill);

    /// <summary>kill with a signal (1..31): its default action ends the process with it, unless the process ignores it.</summary>
    public static long Kill(long pid, int signal)
    {
        IpcMessage message = ServiceConnection.Request((uint)ProcRequest.Kill, (ulong)pid, (ulong)signal);
        return _proc.Call(&message);
    }

    /// <summary>signal(sig, SIG_IGN) when <paramref name="ignore"/>, else SIG_DFL: whether it was ignored before, or a negative errno.</summary>
    public static long SetSignalIgnored(int signal, bool ignore)
    {
        IpcMessage message = ServiceConnection.Request((uint)ProcRequest.SignalAction, (ulong)signal, ignore ? ProcProtocol.IgnoreAction : ProcProtocol.DefaultAction);
        long result = _proc.Call(&message);
        return result < 0 ? result : (long)message.Words[ProcProtocol.SignalWord];
    }

    /// <summary>tcsetpgrp on the console: <paramref name="group"/> (of the caller's session) is the one Ctrl-C interrupts; 0 or a negative errno.</summary>
    public static long SetForegroundGroup(long group)
    {
        IpcMessage message = default;
        message.Tag = MessageTag.Make((uint)ProcRequest.SetForeground, sizeof(ulong));
        message.Words[ProcProtocol.ForegroundGroupWord] = (ulong)group;
        return _proc.Call(&message);
    }

    /// <summary>tcgetpgrp on the console: its foreground group, 0 for none, or a negative errno.</summary>
    public static long ForegroundGroup()
    {
        IpcMessage message = default;
        message.Tag = MessageTag.Make((uint)ProcRequest.Foreground, 0);
        long result = _proc.Call(&message);
        return result < 0 ? result : (long)message.Words[ProcProtocol.ForegroundGroupWord];
    }

    /// <summary>Describes the thread of <paramref name="pid"/> with the lowest id above <paramref name="afterThread"/>; its id, -ESRCH without the process, -ENOENT past the last.</summary>
    public static long Threads(long pid, long afterThread, ThreadInfo* info)
    {
        IpcMessage message = ServiceConnection.Request((uint)ProcRequest.Threads, (ulong)pid, (ulong)afterThread);
        long result = _proc.CallWithGrant(&message, info, (ulong)sizeof(ThreadInfo), MessageTag.GrantWrite);
        return result < 0 ? result : (long)message.Words[ProcProtocol.ThreadWord];
    }

    /// <summary>From now on each end of a child of this process signals <paramref name="notificationSlot"/> with <paramref name="bits"/> (-1: no more); 0 or a negative errno.</summary>
    public static long NotifyChildExits(long notificationSlot, ulong bits)
    {
        IpcMessage message = default;
        message.Tag = MessageTag.Make((uint)ProcRequest.ChildNotify, sizeof(ulong));
        message.Words[ProcProtocol.NotifyBitsWord] = bits;
        if (notificationSlot >= 0)
        {
            message.Tag = MessageTag.WithCapabilities(MessageTag.Make((uint)ProcRequest.ChildNotify, IpcLayout.MaxPayloadBytes), 1);
            message.Words[MessageTag.CapabilityWord(message.Tag, 0)] = (ulong)notificationSlot;
        }
        return _proc.Call(&message);
    }

    /// <summary>The caller's parent (getppid), as the process server knows it: its pid (0 for none), or a negative errno.</summary>
    public static long ParentPid() => Identify(0, ProcProtocol.ParentWord);

    /// <summary>getpgid: the process group of <paramref name="pid"/> (0: the caller), or a negative errno (ESRCH).</summary>
    public static long ProcessGroup(long pid) => Identify(pid, ProcProtocol.GroupWord);

    /// <summary>getsid: the session of <paramref name="pid"/> (0: the caller), or a negative errno (ESRCH).</summary>
    public static long Session(long pid) => Identify(pid, ProcProtocol.SessionWord);

    /// <summary>setpgid: moves <paramref name="pid"/> (0: the caller) into <paramref name="group"/> (0: a new one named after it); 0 or a negative errno.</summary>
    public static long SetProcessGroup(long pid, long group)
    {
        IpcMessage message = ServiceConnection.Request((uint)ProcRequest.SetGroup, (ulong)pid, (ulong)group);
        return _proc.Call(&message);
    }

    /// <summary>setsid: the caller leads a new session and process group; their id (its pid), or a negative errno (EPERM for a group leader).</summary>
    public static long NewSession()
    {
        IpcMessage message = default;
        message.Tag = MessageTag.Make((uint)ProcRequest.NewSession, 0);
        long result = _proc.Call(&message);
        return result < 0 ? result : Syscall.GetPid();
    }

    private static long Identify(long pid, int word)
    {
        IpcMessage message = default;
        message.Tag = MessageTag.Make((uint)ProcRequest.Identity, sizeof(ulong));
        message.Words[ProcProtocol.IdentityPidWord] = (ulong)pid;
        long result = _proc.Call(&message);
        return result < 0 ? result : (long)message.Words[word];
    }

    /// <summary>Describes the process with the lowest pid above <paramref name="afterPid"/>; returns its pid, -ESRCH past the last.</summary>
    public static long List(long afterPid, ProcessInfo* info)
    {
        IpcMessage message = default;
        message.Tag = MessageTag.Make((uint)ProcRequest.List, sizeof(ulong));
        message.Words[ProcProtocol.AfterPidWord] = (ulong)afterPid;
        long result = _proc.CallWithGrant(&message, info, (ulong)sizeof(ProcessInfo), MessageTag.GrantWrite);
        return result < 0 ? result : (long)message.Words[ProcProtocol.PidWord];
    }
}
