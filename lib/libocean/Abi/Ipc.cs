namespace Ocean.Abi;

/// <summary>
/// The IPC system calls' register layout, shared by the kernel and lib/libocean. A message is a tag
/// plus up to eight words (64 bytes), carried in registers both ways:
/// RDI = capability slot (on return: the badge of the sender's capability, or a notification's bits),
/// RSI = tag, RDX, R10, R8, R9, R12, R13, R14, R15 = words 0..7. RAX = number in, result out.
/// </summary>
public static class IpcLayout
{
    public const int MessageWords = 8;
    public const int MaxPayloadBytes = MessageWords * 8;
    /// <summary>At most this many capabilities travel in one message.</summary>
    public const int MaxTransferredCapabilities = 4;
    /// <summary>The largest range one grant may lend (the issue asks for at least 1 MiB).</summary>
    public const ulong MaxGrantBytes = 4UL << 20;
}

/// <summary>
/// The tag: label (bits 0..31, the caller's meaning), payload length in bytes (32..39, at most 64),
/// capability count (40..43), flags (44..47), error (48..55, set by the kernel) and, on the receiving
/// side, where transferred capabilities may land (56..63: first slot + 1, 0 = accept none).
///
/// Transferred capabilities are named by slot in the last words of the payload (before the grant
/// words); the receiver finds, in the same words, the slots they landed in. A grant (call only) puts
/// the sender's address and length in words 6 and 7; the receiver finds its own address of the lent
/// pages and the length there, valid until it replies.
/// </summary>
public static class MessageTag
{
    /// <summary>Flag: fail with -EAGAIN instead of waiting when no partner is ready (send, receive, wait).</summary>
    public const ulong NonBlocking = 1UL << 44;
    /// <summary>Flag (call): lend the range in words 6..7 to the receiver, read-only.</summary>
    public const ulong GrantRead = 1UL << 45;
    /// <summary>Flag (call): lend the range in words 6..7 to the receiver, read-write.</summary>
    public const ulong GrantWrite = 1UL << 46;
    /// <summary>Flag (on receipt): not a message but the bound notification's bits, in the badge register.</summary>
    public const ulong Notification = 1UL << 47;

    public const int GrantAddressWord = 6, GrantLengthWord = 7;
    private const int CapabilityShift = 40, ErrorShift = 48, ReceiveSlotShift = 56;
    public const ulong ReceiveSlotMask = 0xFFUL << ReceiveSlotShift;
    public const ulong ErrorMask = 0xFFUL << ErrorShift;
    /// <summary>
    /// What only the kernel writes into a delivered tag (the notification flag, the error byte): a
    /// sender's own are cleared, so no message can pass for a notification or a kernel error.
    /// </summary>
    public const ulong SetByKernel = Notification | ErrorMask;

    public static ulong Make(uint label, int length) => label | ((ulong)(length & 0xFF) << 32);
    public static uint Label(ulong tag) => (uint)tag;
    public static int Length(ulong tag) => (int)((tag >> 32) & 0xFF);
    public static int Error(ulong tag) => (int)((tag >> ErrorShift) & 0xFF);
    public static ulong WithError(ulong tag, int error) => (tag & ~(0xFFUL << ErrorShift)) | ((ulong)(error & 0xFF) << ErrorShift);

    public static bool HasGrant(ulong tag) => (tag & (GrantRead | GrantWrite)) != 0;
    public static int Capabilities(ulong tag) => (int)((tag >> CapabilityShift) & 0xF);
    public static ulong WithCapabilities(ulong tag, int count) => (tag & ~(0xFUL << CapabilityShift)) | ((ulong)(count & 0xF) << CapabilityShift);

    /// <summary>The word that carries transferred capability <paramref name="index"/>.</summary>
    public static int CapabilityWord(ulong tag, int index) =>
        (HasGrant(tag) ? GrantAddressWord : IpcLayout.MessageWords) - Capabilities(tag) + index;

    /// <summary>Receiving: transferred capabilities land in consecutive empty slots from <paramref name="firstSlot"/>.</summary>
    public static ulong AcceptCapabilitiesAt(ulong tag, int firstSlot) =>
        (tag & ~ReceiveSlotMask) | ((ulong)((firstSlot + 1) & 0xFF) << ReceiveSlotShift);

    /// <summary>The first slot the receiver offers, or -1 when it accepts no capabilities.</summary>
    public static int ReceiveSlot(ulong tag) => (int)((tag >> ReceiveSlotShift) & 0xFF) - 1;
}

/// <summary>endpoint_create's flags.</summary>
public static class EndpointFlags
{
    /// <summary>A receive on the endpoint returns the sender's pid (RAX) instead of 0: who is calling, which badges cannot say once fork has copied them.</summary>
    public const ulong IdentifyCallers = 1;
    public const ulong All = IdentifyCallers;
}

/// <summary>What a capability allows.</summary>
public static class CapabilityRights
{
    /// <summary>Endpoints: send and call. Notifications: signal.</summary>
    public const ulong Send = 1;
    /// <summary>Endpoints: receive. Notifications: wait and bind.</summary>
    public const ulong Receive = 2;
    /// <summary>Endpoints: transfer capabilities in messages sent through this one.</summary>
    public const ulong Grant = 4;
    public const ulong All = Send | Receive | Grant;
}

/// <summary>What kind of kernel object a capability names (cap_identify's answer, bits 8..15).</summary>
public enum ObjectKind
{
    None = 0,
    Endpoint = 1,
    Notification = 2,
    /// <summary>A range of I/O ports the holder may use from ring 3.</summary>
    IoPorts = 3,
    /// <summary>A range of interrupt lines (legacy ISA IRQs) the holder may bind to notifications.</summary>
    Interrupts = 4,
    /// <summary>A page-aligned range of physical device memory (never RAM) the holder may map.</summary>
    DeviceMemory = 5,
    /// <summary>Authority over the process table (process_read), given by the kernel to the process server alone.</summary>
    Processes = 6,
    /// <summary>Authority over every process's memory (memory_read, space_usage), given by the kernel to the memory server alone.</summary>
    AddressSpaces = 7,
}

/// <summary>
/// The capabilities the kernel gives init (PID 1) at these slots: authority over all hardware the
/// kernel does not keep for itself. Init narrows them (cap_narrow) for the drivers it starts.
/// </summary>
public static class BootstrapSlot
{
    public const int IoPorts = 0, Interrupts = 1, DeviceMemory = 2;
    public const int Count = 3;
}

/// <summary>
/// Where the kernel puts the capabilities of the servers it starts itself (the process server, then
/// the memory server): in each server, its own endpoint and its authority (<see cref="ObjectKind.Processes"/>
/// or <see cref="ObjectKind.AddressSpaces"/>); in init, a badged send capability on each endpoint,
/// which init's services and every process forked from them inherit (lib/libocean's ServiceSlot).
/// </summary>
public static class SystemServerSlot
{
    /// <summary>In the server: its endpoint, with every right (its clients' requests arrive here).</summary>
    public const int Endpoint = 1;
    /// <summary>In the server: the capability over the kernel state it manages.</summary>
    public const int Authority = 2;
    /// <summary>In init and what it starts: send (and grant) on the process server's endpoint.</summary>
    public const int ProcClient = 6;
    /// <summary>In init and what it starts: send (and grant) on the memory server's endpoint.</summary>
    public const int MemClient = 7;
    /// <summary>The client capabilities' badge: a message without it (badge 0) can only come from the kernel.</summary>
    public const ulong ClientBadge = 1;
}
