namespace Ocean;

using System.Runtime;
using System.Runtime.CompilerServices;
using Ocean.Abi;

/// <summary>A message as it travels in registers: the tag, the sender's badge (on receipt) and eight words.</summary>
public unsafe struct IpcMessage
{
    public ulong Tag;
    public ulong Badge;
    public fixed ulong Words[IpcLayout.MessageWords];
}

/// <summary>Capabilities and synchronous IPC on endpoints.</summary>
public static unsafe class Ipc
{
    [RuntimeImport("*", "OceanIpc")]
    [MethodImpl(MethodImplOptions.InternalCall)]
    private static extern long Invoke(SyscallNumber number, long slot, IpcMessage* message);

    /// <summary>A new endpoint (all rights) in the lowest free slot; <paramref name="flags"/> from <see cref="EndpointFlags"/>.</summary>
    public static long CreateEndpoint(ulong flags = 0) => Syscall.Raw((ulong)SyscallNumber.EndpointCreate, flags, 0, 0, 0, 0);

    /// <summary>A new capability to the same object with at most <paramref name="rights"/> and a badge.</summary>
    public static long Mint(long slot, ulong rights, ulong badge) => Syscall.Raw((ulong)SyscallNumber.CapMint, (ulong)slot, rights, badge, 0, 0);

    /// <summary>A derived copy with the same rights and badge.</summary>
    public static long Copy(long slot) => Mint(slot, CapabilityRights.All, 0);

    /// <summary>Moves a capability to the free slot <paramref name="to"/> (revoke still reaches it there); returns <paramref name="to"/>.</summary>
    public static long Move(long from, long to) => Syscall.Raw((ulong)SyscallNumber.CapMove, (ulong)from, (ulong)to, 0, 0, 0);

    public static long Delete(long slot) => Syscall.Raw((ulong)SyscallNumber.CapDelete, (ulong)slot, 0, 0, 0, 0);

    /// <summary>Deletes every capability derived from <paramref name="slot"/>, everywhere; returns how many.</summary>
    public static long Revoke(long slot) => Syscall.Raw((ulong)SyscallNumber.CapRevoke, (ulong)slot, 0, 0, 0, 0);

    /// <summary>What <paramref name="slot"/> holds: <see cref="ObjectKind"/> in bits 8..15, rights in bits 0..7.</summary>
    public static long Identify(long slot) => Syscall.Raw((ulong)SyscallNumber.CapIdentify, (ulong)slot, 0, 0, 0, 0);

    public static long Send(long slot, IpcMessage* message) => Invoke(SyscallNumber.Send, slot, message);

    public static long Receive(long slot, IpcMessage* message) => Invoke(SyscallNumber.Receive, slot, message);

    public static long Call(long slot, IpcMessage* message) => Invoke(SyscallNumber.Call, slot, message);

    public static long Reply(IpcMessage* message) => Invoke(SyscallNumber.Reply, 0, message);

    /// <summary>Keeps the pending call's reply for later: returns its ticket for <see cref="ReplyParked"/> (the call's grant ends now).</summary>
    public static long ReplyPark() => Syscall.Raw((ulong)SyscallNumber.ReplyPark, 0, 0, 0, 0, 0);

    /// <summary>Answers the call parked under <paramref name="ticket"/> with <paramref name="message"/>, as <see cref="Reply"/> would.</summary>
    public static long ReplyParked(long ticket, IpcMessage* message) => Invoke(SyscallNumber.ReplyParked, ticket, message);

    /// <summary>Replies to the pending call (if any) and waits for the next message on <paramref name="slot"/>.</summary>
    public static long ReplyReceive(long slot, IpcMessage* message) => Invoke(SyscallNumber.ReplyReceive, slot, message);
}
