namespace Ocean.Tests.UserTests;

using Ocean.Abi;
using Ocean.Libc;

/// <summary>Notifications: signal words, blocking waits, and a notification bound to a receiving thread.</summary>
public static unsafe partial class Program
{
    private static int SignalLater(long notification)
    {
        Syscall.Sleep(10_000_000);
        return Notifications.Signal(notification, 0x40) == 0 ? 0 : 1;
    }

    private static void NotificationSignals()
    {
        long notification = Notifications.Create();
        long badged = Ipc.Mint(notification, CapabilityRights.Send, 0x100);
        bool empty = Notifications.Wait(notification, nonBlocking: true) == -Errno.EAGAIN;
        bool accumulate = Notifications.Signal(notification, 0x1) == 0 && Notifications.Signal(notification, 0x4) == 0 &&
                          Notifications.Signal(badged, 0) == 0 && Notifications.Wait(notification) == 0x105 &&
                          Notifications.Wait(notification, nonBlocking: true) == -Errno.EAGAIN;
        long child = Spawn(&SignalLater, notification);
        bool blocked = Notifications.Wait(notification) == 0x40 && ExitCodeOf(child) == 0;
        Check(empty && accumulate && blocked,
            "notify: signals OR bits (and the badge) into the word, wait takes them all, and blocks until a signal");
        Ipc.Delete(badged);
        Ipc.Delete(notification);
    }

    private static int CallLater(long endpoint)
    {
        Syscall.Sleep(10_000_000);
        IpcMessage message = default;
        message.Tag = MessageTag.Make(77, 0);
        return Ipc.Call(endpoint, &message) == 0 ? 0 : 1;
    }

    private static void BoundNotification()
    {
        long endpoint = Ipc.CreateEndpoint();
        long notification = Notifications.Create();
        bool bound = Notifications.Bind(notification) == 0;
        long signaller = Spawn(&SignalLater, notification);
        IpcMessage message = default;
        // No message comes for a while: the signal ends the receive.
        bool byNotification = Ipc.Receive(endpoint, &message) == 0 && (message.Tag & MessageTag.Notification) != 0 && message.Badge == 0x40;
        long caller = Spawn(&CallLater, endpoint);
        message.Tag = 0;
        bool byMessage = Ipc.Receive(endpoint, &message) == 0 && (message.Tag & MessageTag.Notification) == 0 && MessageTag.Label(message.Tag) == 77;
        Ipc.Reply(&message);
        bool done = ExitCodeOf(signaller) == 0 && ExitCodeOf(caller) == 0 && Notifications.Unbind() == 0;
        Check(bound && byNotification && byMessage && done,
            "notify: a bound notification ends an endpoint receive with its bits; messages still arrive as messages");
        Ipc.Delete(notification);
        Ipc.Delete(endpoint);
    }
}
