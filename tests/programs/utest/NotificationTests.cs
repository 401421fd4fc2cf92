namespace Ocean.Tests.UserTests;

using System.Runtime.InteropServices;
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

    private const int PingPongRounds = 5_000;
    private static long _pingPongSeen;

    // The second thread of a ping-pong: waits on the first word's notification, counts, signals the second's.
    [UnmanagedCallersOnly]
    private static void PingPongEcho(ulong slots)
    {
        long ping = (long)(slots & 0xFFFFFFFF), pong = (long)(slots >> 32);
        while (true)
        {
            if (Notifications.Wait(ping) != 1)
                return;
            _pingPongSeen++;
            Notifications.Signal(pong, 1);
        }
    }

    // A process whose two threads signal each other <paramref name="rounds"/> times (forever if negative).
    private static int PingPong(long rounds)
    {
        long ping = Notifications.Create(), pong = Notifications.Create();
        Threads.Create(&PingPongEcho, NewStackTop(), (ulong)(ping | pong << 32));
        for (long i = 0; rounds < 0 || i < rounds; i++)
        {
            Notifications.Signal(ping, 1);
            if (Notifications.Wait(pong) != 1)
                return 2;
        }
        return _pingPongSeen == rounds ? 0 : 1;
    }

    private static void NotificationPingPongAcrossCpus()
    {
        long first = Spawn(&PingPong, PingPongRounds), second = Spawn(&PingPong, PingPongRounds), endless = Spawn(&PingPong, -1);
        bool both = ExitCodeOf(first) == 0 && ExitCodeOf(second) == 0;
        ProcClient.Kill(endless);
        int status;
        bool killed = ProcClient.WaitPid(endless, &status, 0) == endless && !WaitStatus.IfExited(status);
        Check(both && killed,
            "notify: two processes ping-pong 5,000 times each between their threads, on whatever CPUs, and a third is killed mid-way");
    }
}
