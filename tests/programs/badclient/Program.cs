namespace Ocean.Tests.BadClient;

using System.Runtime.InteropServices;
using Ocean.Abi;
using Ocean.Libc;

/// <summary>
/// badclient: sends init, the process and memory servers, then each service it looks up from init, malformed requests. Each must be answered
/// with an errno ("badclient: SERVICE REQUEST -> errno N"), and the server must answer a valid
/// request afterwards. Ends with "badclient: all servers answered" when every one did.
/// </summary>
public static unsafe partial class Program
{
    // Where the looked-up send capabilities land (slots a program may use freely).
    private const int VfsSlot = 10, BlkSlot = 11, Ext2Slot = 12;
    private const int TwoWords = 2 * sizeof(ulong);

    private const ulong ScratchBytes = 8192;

    private static int _unanswered, _accepted;
    /// <summary>Paths, names and buffers the requests lend (grants).</summary>
    private static byte* _scratch;

    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Main()
    {
        _scratch = (byte*)Memory.Map(0, ScratchBytes, Protection.Read | Protection.Write);
        if ((long)_scratch < 0)
            return 1;
        BadInitRequests();
        BadProcRequests();
        BadMemRequests();
        if (Connect("vfs", VfsSlot))
            BadVfsRequests();
        if (Connect("blk", BlkSlot))
            BadBlkRequests();
        if (Connect("ext2", Ext2Slot))
            BadExt2Requests();
        Stdio.Write("badclient: ");
        Stdio.Write((long)_accepted);
        Stdio.Write(" malformed requests accepted, ");
        Stdio.Write((long)_unanswered);
        Stdio.WriteLine(" unanswered");
        if (_unanswered == 0)
            Stdio.WriteLine("badclient: all servers answered");
        return _unanswered == 0 && _accepted == 0 ? 0 : 1;
    }

    private static bool Connect(string service, int slot)
    {
        long result = Services.Lookup(service, slot);
        if (result >= 0)
            return true;
        Stdio.Write("badclient: cannot look up ");
        Stdio.Write(service);
        Stdio.Write(": errno ");
        Stdio.Write(-result);
        Stdio.WriteLine("");
        _unanswered++;
        return false;
    }

    /// <summary>A request with a label and two words, no grant.</summary>
    private static IpcMessage Request(uint label, ulong word0 = 0, ulong word1 = 0)
    {
        IpcMessage message = default;
        message.Tag = MessageTag.Make(label, TwoWords);
        message.Words[0] = word0;
        message.Words[1] = word1;
        return message;
    }

    private static IpcMessage WithGrant(IpcMessage message, ulong direction, byte* buffer, ulong length)
    {
        message.Tag |= direction;
        message.Words[MessageTag.GrantAddressWord] = (ulong)buffer;
        message.Words[MessageTag.GrantLengthWord] = length;
        return message;
    }

    /// <summary>Sends a malformed request; it must be answered with an errno. Returns the reply label.</summary>
    private static long Expect(string service, string request, long slot, IpcMessage message)
    {
        long label = Ask(service, request, slot, &message);
        if (label == 0)
        {
            Stdio.WriteLine(" -> accepted");
            _accepted++;
        }
        return label;
    }

    /// <summary>Sends a valid request: the server must still be serving (any answer will do).</summary>
    private static void StillServing(string service, string request, long slot, IpcMessage message)
    {
        long label = Ask(service, request, slot, &message);
        if (label == 0)
            Stdio.WriteLine(" -> ok");
    }

    // Prints "badclient: SERVICE REQUEST" and the errno; returns the label, or -1 with no answer.
    private static long Ask(string service, string request, long slot, IpcMessage* message)
    {
        Stdio.Write("badclient: ");
        Stdio.Write(service);
        Stdio.Write(" ");
        Stdio.Write(request);
        long result = Ipc.Call(slot, message);
        if (result < 0)
        {
            Stdio.Write(" -> no answer (call failed with errno ");
            Stdio.Write(-result);
            Stdio.WriteLine(")");
            _unanswered++;
            return -1;
        }
        uint label = MessageTag.Label(message->Tag);
        if (label != 0)
        {
            Stdio.Write(" -> errno ");
            Stdio.Write((long)label);
            Stdio.WriteLine("");
        }
        return label;
    }

    private static int Fill(byte* buffer, string text)
    {
        for (int i = 0; i < text.Length; i++)
            buffer[i] = (byte)text[i];
        return text.Length;
    }
}
