namespace Ocean.Kernel.Ipc;

using Ocean.Abi;
using Ocean.Kernel.Arch.X86_64.Interrupt;

/// <summary>
/// Capabilities carried in messages. The sender names up to four of its slots in the message's last
/// words (see <see cref="MessageTag.CapabilityWord"/>) and needs the Grant right on the endpoint it
/// sends through; the receiver says where they may land (<see cref="MessageTag.AcceptCapabilitiesAt"/>).
/// Each transferred capability is a copy derived from the sender's, which keeps its own.
/// </summary>
public static unsafe class CapabilityTransfer
{
    /// <summary>Word <paramref name="index"/> (0..7) of a message in a saved frame.</summary>
    public static ulong* Word(InterruptFrame* frame, int index) => index switch
    {
        0 => &frame->Rdx,
        1 => &frame->R10,
        2 => &frame->R8,
        3 => &frame->R9,
        4 => &frame->R12,
        5 => &frame->R13,
        6 => &frame->R14,
        _ => &frame->R15,
    };

    /// <summary>In the sender's context: is the transfer allowed, and does every named slot hold something?</summary>
    public static long Validate(InterruptFrame* frame, ulong rights)
    {
        ulong tag = frame->Rsi;
        int count = MessageTag.Capabilities(tag);
        if (count == 0)
            return 0;
        if (count > IpcLayout.MaxTransferredCapabilities || MessageTag.CapabilityWord(tag, 0) < 0)
            return -Errno.EINVAL;
        if ((rights & CapabilityRights.Grant) == 0)
            return -Errno.EACCES;
        CapabilitySpace space = Ocean.Kernel.Proc.Processes.Current.Capabilities;
        for (int i = 0; i < count; i++)
            if (!space.TryGet((long)*Word(frame, MessageTag.CapabilityWord(tag, i)), out _))
                return -Errno.EBADSLOT;
        return 0;
    }

    /// <summary>
    /// Copies the named capabilities into the receiver's offered slots and writes, in the same words,
    /// where each landed. The tag's count says how many arrived; its error says why the rest did not.
    /// </summary>
    public static void Move(CapabilitySpace from, InterruptFrame* fromFrame, CapabilitySpace to, InterruptFrame* toFrame,
                            ulong receiverTag, ref ulong tag)
    {
        int count = MessageTag.Capabilities(tag);
        if (count == 0)
            return;
        int firstSlot = MessageTag.ReceiveSlot(receiverTag);
        int moved = 0;
        long error = 0;
        for (int i = 0; i < count; i++)
        {
            int word = MessageTag.CapabilityWord(tag, i);
            if (firstSlot < 0)
            {
                error = Errno.ENOSPC;   // the receiver accepts no capabilities
                break;
            }
            if (!from.TryGet((long)*Word(fromFrame, word), out Capability capability))
            {
                error = Errno.EBADSLOT;
                break;
            }
            long landed = to.InsertAt(firstSlot + i, capability.Object, capability.Rights, capability.Badge, capability.Id);
            if (landed < 0)
            {
                error = -landed;
                break;
            }
            *Word(toFrame, word) = (ulong)landed;
            moved++;
        }
        tag = MessageTag.WithCapabilities(tag, moved);
        if (error != 0)
            tag = MessageTag.WithError(tag, (int)error);
    }
}
