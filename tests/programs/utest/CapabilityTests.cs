namespace Ocean.Tests.UserTests;

using Ocean.Abi;
using Ocean.Libc;

/// <summary>Capabilities: init's bootstrap set, rights checks, transfer in messages, revoke.</summary>
public static unsafe partial class Program
{
    private static bool Holds(long slot, ObjectKind kind) => Ipc.Identify(slot) >= 0 && (ObjectKind)(Ipc.Identify(slot) >> 8) == kind;

    private static void CapabilityBootstrap()
    {
        Check(Holds(BootstrapSlot.IoPorts, ObjectKind.IoPorts) && Holds(BootstrapSlot.Interrupts, ObjectKind.Interrupts) &&
              Holds(BootstrapSlot.DeviceMemory, ObjectKind.DeviceMemory) && Ipc.Identify(BootstrapSlot.Count) == -Errno.EBADF,
            "caps: init starts with I/O port, interrupt and device memory capabilities and nothing else");
    }

    private static void CapabilityRightsChecks()
    {
        long endpoint = Ipc.CreateEndpoint();
        long sendOnly = Ipc.Mint(endpoint, CapabilityRights.Send, 7);
        long notification = Notifications.Create();
        long signalOnly = Ipc.Mint(notification, CapabilityRights.Send, 0);
        long waitOnly = Ipc.Mint(notification, CapabilityRights.Receive, 0);
        IpcMessage message = default;
        message.Tag = MessageTag.WithCapabilities(MessageTag.NonBlocking, 1);
        message.Words[IpcLayout.MessageWords - 1] = (ulong)notification;
        bool transfer = Ipc.Send(sendOnly, &message) == -Errno.EACCES;   // no Grant right: no capabilities through it
        bool notify = Notifications.Wait(signalOnly) == -Errno.EACCES && Notifications.Signal(waitOnly, 1) == -Errno.EACCES &&
                      Notifications.Bind(signalOnly) == -Errno.EACCES;
        message.Tag = 0;
        bool kinds = Ipc.Send(notification, &message) == -Errno.EINVAL && Notifications.Signal(endpoint, 1) == -Errno.EINVAL &&
                     Devices.Narrow(endpoint, 0, 1) == -Errno.EINVAL;
        bool badges = Ipc.Mint(sendOnly, CapabilityRights.Send, 8) == -Errno.EPERM;
        bool ranges = Devices.Narrow(BootstrapSlot.IoPorts, 0xFFFF, 2) == -Errno.ERANGE && Devices.Narrow(BootstrapSlot.Interrupts, 3, 0) == -Errno.ERANGE;
        long narrowed = Devices.Narrow(BootstrapSlot.IoPorts, 0x70, 2);
        bool nested = narrowed >= 0 && Devices.Narrow(narrowed, 0x60, 1) == -Errno.ERANGE && Devices.Narrow(narrowed, 0x71, 1) >= 0;
        Check(transfer && notify && kinds && badges && ranges && nested,
            "caps: no transfer without Grant, no signal without Send, no wait without Receive, right kind, no re-badging, ranges only shrink");
        Ipc.Revoke(narrowed);
        Ipc.Delete(narrowed);
        Ipc.Delete(waitOnly);
        Ipc.Delete(signalOnly);
        Ipc.Delete(notification);
        Ipc.Delete(sendOnly);
        Ipc.Delete(endpoint);
    }

    private const int TransferLandingSlot = 40;

    // Child: sends its own notification to the parent inside a call, then waits on it for the parent's signal.
    private static int SendNotificationAndWait(long endpoint)
    {
        long notification = Notifications.Create();
        IpcMessage message = default;
        message.Tag = MessageTag.WithCapabilities(MessageTag.Make(3, 0), 1);
        message.Words[IpcLayout.MessageWords - 1] = (ulong)notification;
        if (Ipc.Call(endpoint, &message) != 0)
            return 1;
        return Notifications.Wait(notification) == 0x5 ? 0 : 2;
    }

    private static void CapabilityTransfer()
    {
        long endpoint = Ipc.CreateEndpoint();
        long child = Spawn(&SendNotificationAndWait, endpoint);
        IpcMessage message = default;
        message.Tag = MessageTag.AcceptCapabilitiesAt(0, TransferLandingSlot);
        bool received = Ipc.Receive(endpoint, &message) == 0 && MessageTag.Capabilities(message.Tag) == 1 &&
                        MessageTag.Error(message.Tag) == 0 && message.Words[IpcLayout.MessageWords - 1] == TransferLandingSlot &&
                        Holds(TransferLandingSlot, ObjectKind.Notification);
        bool signalled = Notifications.Signal(TransferLandingSlot, 0x5) == 0;
        message.Tag = 0;
        Ipc.Reply(&message);
        Check(received && signalled && ExitCodeOf(child) == 0,
            "caps: a capability sent in a message lands in the slot the receiver named and works there");
        Ipc.Delete(TransferLandingSlot);

        // A receiver that offers no slot gets the message, without the capability, and an error saying so.
        child = Spawn(&SendNotificationAndWait, endpoint);
        message.Tag = 0;
        bool refused = Ipc.Receive(endpoint, &message) == 0 && MessageTag.Capabilities(message.Tag) == 0 &&
                       MessageTag.Error(message.Tag) == Errno.ENOSPC && Ipc.Identify(TransferLandingSlot) == -Errno.EBADF;
        message.Tag = 0;
        Ipc.Reply(&message);
        ProcClient.Kill(child);
        ExitCodeOf(child);
        Check(refused, "caps: a receiver that offers no slot gets the message and ENOSPC instead of the capability");
        Ipc.Delete(endpoint);
    }

    // Child (forked with copies of copy and minted): waits for the parent's go, then reports what it still holds.
    private static int ReportAfterRevoke(long slots)
    {
        long endpoint = slots & 0xFF, copy = (slots >> 8) & 0xFF, minted = (slots >> 16) & 0xFF;
        IpcMessage message = default;
        if (Ipc.Receive(endpoint, &message) != 0)
            return 1;
        bool gone = Ipc.Identify(copy) == -Errno.EBADF && Ipc.Identify(minted) == -Errno.EBADF;
        return gone && Holds(endpoint, ObjectKind.Endpoint) ? 0 : 2;
    }

    private static void CapabilityRevoke()
    {
        long endpoint = Ipc.CreateEndpoint();
        long copy = Ipc.Copy(endpoint);
        long minted = Ipc.Mint(copy, CapabilityRights.Send, 99);
        long child = Spawn(&ReportAfterRevoke, endpoint | (copy << 8) | (minted << 16));
        // Derived from copy: minted here, and the child's copies of copy and of minted.
        long revoked = Ipc.Revoke(copy);
        IpcMessage message = default;
        Ipc.Send(endpoint, &message);
        bool here = Holds(copy, ObjectKind.Endpoint) && Ipc.Identify(minted) == -Errno.EBADF;
        Check(revoked == 3 && here && ExitCodeOf(child) == 0,
            "caps: revoke deletes every capability derived from one, in every process, and keeps the original");
        Ipc.Delete(copy);
        Ipc.Delete(endpoint);
    }
}
