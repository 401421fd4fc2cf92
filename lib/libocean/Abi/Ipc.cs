namespace Ocean.Abi;

/// <summary>
/// The IPC system calls' register layout, shared by the kernel and lib/libocean. A message is a tag
/// plus up to eight words (64 bytes), carried in registers both ways:
/// RDI = capability slot (on return: the badge of the sender's capability), RSI = tag,
/// RDX, R10, R8, R9, R12, R13, R14, R15 = words 0..7. RAX = number in, result out.
/// </summary>
public static class IpcLayout
{
    public const int MessageWords = 8;
    public const int MaxPayloadBytes = MessageWords * 8;
}

/// <summary>
/// The tag: label (bits 0..31, the caller's meaning), payload length in bytes (32..39, at most 64),
/// capability count (40..43, for transfers), flags (44..47), error (48..55, set by the kernel).
/// </summary>
public static class MessageTag
{
    /// <summary>Flag: fail with -EAGAIN instead of waiting when no partner is ready (send and receive).</summary>
    public const ulong NonBlocking = 1UL << 44;

    public static ulong Make(uint label, int length) => label | ((ulong)(length & 0xFF) << 32);
    public static uint Label(ulong tag) => (uint)tag;
    public static int Length(ulong tag) => (int)((tag >> 32) & 0xFF);
    public static int Error(ulong tag) => (int)((tag >> 48) & 0xFF);
    public static ulong WithError(ulong tag, int error) => (tag & ~(0xFFUL << 48)) | ((ulong)(error & 0xFF) << 48);
}

/// <summary>What a capability allows.</summary>
public static class CapabilityRights
{
    public const ulong Send = 1, Receive = 2, Grant = 4;
    public const ulong All = Send | Receive | Grant;
}
