namespace Ocean.Tests.BadClient;

using Ocean.Abi;
using Ocean.Protocols;

/// <summary>
/// Malformed <see cref="ProcRequest"/>s. The process server is never restarted, so each must be
/// answered with an errno and leave it serving.
/// </summary>
public static unsafe partial class Program
{
    // One capability sent along (from this program's slot), named in the word the tag gives it.
    private static IpcMessage WithCapability(IpcMessage message, long slot)
    {
        message.Tag = MessageTag.WithCapabilities(message.Tag, 1);
        message.Words[MessageTag.CapabilityWord(message.Tag, 0)] = (ulong)slot;
        return message;
    }

    private static void BadProcRequests()
    {
        const string Proc = "proc";
        const long Slot = ServiceSlot.Proc;
        ulong infoBytes = (ulong)sizeof(ProcessInfo);

        Expect(Proc, "unknown-label", Slot, Request(UnknownLabel));
        Expect(Proc, "List-without-grant", Slot, Request((uint)ProcRequest.List));
        Expect(Proc, "List-with-read-grant", Slot, WithGrant(Request((uint)ProcRequest.List), MessageTag.GrantRead, _scratch, infoBytes));
        Expect(Proc, "List-grant-too-short", Slot, WithGrant(Request((uint)ProcRequest.List), MessageTag.GrantWrite, _scratch, infoBytes - 1));
        IpcMessage empty = WithGrant(Request((uint)ProcRequest.List), MessageTag.GrantWrite, _scratch, infoBytes);
        empty.Tag = MessageTag.Make((uint)ProcRequest.List, 0) | MessageTag.GrantWrite;
        Expect(Proc, "List-without-words", Slot, empty);
        Expect(Proc, "List-past-the-last", Slot, WithGrant(Request((uint)ProcRequest.List, ulong.MaxValue >> 1), MessageTag.GrantWrite, _scratch, infoBytes));

        Expect(Proc, "Wait-unknown-options", Slot, Request((uint)ProcRequest.Wait, unchecked((ulong)-1L), 0x80));
        Expect(Proc, "Wait-no-children", Slot, Request((uint)ProcRequest.Wait, unchecked((ulong)-1L), WaitStatus.NoHang));
        Expect(Proc, "Wait-pid-over-32-bits", Slot, Request((uint)ProcRequest.Wait, (1UL << 32) | 1, WaitStatus.NoHang));
        Expect(Proc, "Kill-pid-minus-1", Slot, Request((uint)ProcRequest.Kill, unchecked((ulong)-1L)));   // (0 is the caller's group now)
        Expect(Proc, "Kill-init", Slot, Request((uint)ProcRequest.Kill, 1));
        Expect(Proc, "Kill-no-such-pid", Slot, Request((uint)ProcRequest.Kill, 999_999));
        Expect(Proc, "Threads-grant-too-short", Slot, WithGrant(Request((uint)ProcRequest.Threads, 1), MessageTag.GrantWrite, _scratch, 1));
        Expect(Proc, "Threads-no-such-pid", Slot, WithGrant(Request((uint)ProcRequest.Threads, 999_999), MessageTag.GrantWrite, _scratch, (ulong)sizeof(ThreadInfo)));
        Expect(Proc, "ChildNotify-no-bits", Slot, WithCapability(Request((uint)ProcRequest.ChildNotify), ServiceSlot.Proc));
        Expect(Proc, "ChildNotify-not-a-notification", Slot, WithCapability(Request((uint)ProcRequest.ChildNotify, 1), ServiceSlot.Proc));
        BadExecRequests(Proc, Slot);
        BadGroupRequests(Proc, Slot);
        Expect(Proc, "List-with-a-capability", Slot, WithCapability(WithGrant(Request((uint)ProcRequest.List), MessageTag.GrantWrite, _scratch, infoBytes), ServiceSlot.Proc));

        StillServing(Proc, "List-0", Slot, WithGrant(Request((uint)ProcRequest.List), MessageTag.GrantWrite, _scratch, infoBytes));
    }

    // exec: a short request, one lending a grant, a path that is not mapped, a program that is not
    // there. (A method of its own: one frame with every request of BadProcRequests would pass a page.)
    private static void BadExecRequests(string proc, long slot)
    {
        IpcMessage exec = Request((uint)ProcRequest.Exec, (ulong)_scratch);
        Expect(proc, "Exec-short", slot, exec);
        exec.Tag = MessageTag.Make((uint)ProcRequest.Exec, ProcProtocol.ExecWords * sizeof(ulong));
        exec.Words[ProcProtocol.ExecArgvWord] = exec.Words[ProcProtocol.ExecEnvpWord] = 0;
        exec.Words[ProcProtocol.ExecImageWord] = exec.Words[ProcProtocol.ExecImageSizeWord] = 0;
        _scratch[0] = (byte)'/';
        _scratch[1] = (byte)'n';
        _scratch[2] = 0;
        Expect(proc, "Exec-missing-program", slot, exec);
        Expect(proc, "Exec-with-grant", slot, WithGrant(exec, MessageTag.GrantRead, _scratch, 1));
        exec.Words[ProcProtocol.ExecPathWord] = 0x1000;
        Expect(proc, "Exec-unmapped-path", slot, exec);
    }

    // Process groups: a short setpgid, one for a process that is not the caller's child, a negative
    // group, and an identity of no process.
    private static void BadGroupRequests(string proc, long slot)
    {
        IpcMessage setGroup = Request((uint)ProcRequest.SetGroup);
        setGroup.Tag = MessageTag.Make((uint)ProcRequest.SetGroup, sizeof(ulong));
        Expect(proc, "SetGroup-short", slot, setGroup);
        Expect(proc, "SetGroup-not-a-child", slot, Request((uint)ProcRequest.SetGroup, 1, 1));
        Expect(proc, "SetGroup-negative", slot, Request((uint)ProcRequest.SetGroup, 0, unchecked((ulong)-5L)));
        Expect(proc, "Identity-no-such-pid", slot, Request((uint)ProcRequest.Identity, 999_999));
        // Signals and the console's foreground group.
        Expect(proc, "Kill-bad-signal", slot, Request((uint)ProcRequest.Kill, 999_999, 99));
        Expect(proc, "Kill-signal-zero", slot, Request((uint)ProcRequest.Kill, 999_999, 0));
        IpcMessage action = Request((uint)ProcRequest.SignalAction);
        action.Tag = MessageTag.Make((uint)ProcRequest.SignalAction, sizeof(ulong));
        Expect(proc, "SignalAction-short", slot, action);
        Expect(proc, "SignalAction-SIGKILL", slot, Request((uint)ProcRequest.SignalAction, 9, ProcProtocol.IgnoreAction));
        Expect(proc, "SignalAction-no-such-signal", slot, Request((uint)ProcRequest.SignalAction, 64, ProcProtocol.IgnoreAction));
        Expect(proc, "SignalAction-bad-action", slot, Request((uint)ProcRequest.SignalAction, 2, 7));
        Expect(proc, "SetForeground-zero", slot, Request((uint)ProcRequest.SetForeground, 0));
        Expect(proc, "SetForeground-no-such-group", slot, Request((uint)ProcRequest.SetForeground, 999_999));
        Expect(proc, "SetForeground-huge", slot, Request((uint)ProcRequest.SetForeground, 1UL << 40));
    }
}
