namespace Ocean;

using Ocean.Abi;

/// <summary>Notifications: asynchronous signal words (see the kernel's NotificationCalls).</summary>
public static class Notifications
{
    public static long Create() => Syscall.Raw((ulong)SyscallNumber.NotificationCreate, 0, 0, 0, 0, 0);

    /// <summary>ORs <paramref name="bits"/> (and the capability's badge) into the word; never blocks.</summary>
    public static long Signal(long slot, ulong bits) => Syscall.Raw((ulong)SyscallNumber.Signal, (ulong)slot, bits, 0, 0, 0);

    /// <summary>The pending bits (cleared by the call); waits for some unless <paramref name="nonBlocking"/>.</summary>
    public static long Wait(long slot, bool nonBlocking = false) =>
        Syscall.Raw((ulong)SyscallNumber.Wait, (ulong)slot, nonBlocking ? MessageTag.NonBlocking : 0, 0, 0, 0);

    /// <summary>Receives on any endpoint now also end when this notification is signalled (see <see cref="MessageTag.Notification"/>).</summary>
    public static long Bind(long slot) => Syscall.Raw((ulong)SyscallNumber.NotificationBind, (ulong)slot, 0, 0, 0, 0);

    public static long Unbind() => Syscall.Raw((ulong)SyscallNumber.NotificationBind, unchecked((ulong)-1L), 0, 0, 0, 0);
}
