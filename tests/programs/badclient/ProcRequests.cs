namespace Ocean.Tests.BadClient;

using Ocean.Abi;
using Ocean.Protocols;

/// <summary>
/// Malformed <see cref="ProcRequest"/>s. The process server is never restarted, so each must be
/// answered with an errno and leave it serving.
/// </summary>
public static unsafe partial class Program
{
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

        StillServing(Proc, "List-0", Slot, WithGrant(Request((uint)ProcRequest.List), MessageTag.GrantWrite, _scratch, infoBytes));
    }
}
