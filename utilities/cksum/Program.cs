namespace Ocean.Utilities.Cksum;

using System.Runtime.InteropServices;
using Ocean.Libc;
using Ocean.Protocols;

/// <summary>
/// cksum [FILE...]: "CRC SIZE NAME" for each file (standard input for none), where CRC is the CRC-32
/// of zlib and Ethernet in hex, so that a file's contents can be compared with the host's copy.
/// </summary>
public static unsafe class Program
{
    private const int StandardInput = 0;
    private const ulong ChunkBytes = 256 * 1024;
    private const int LineBytes = 320;
    private const int CrcDigits = 8;

    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Main()
    {
        byte* chunk = (byte*)Heap.Allocate((nuint)ChunkBytes);
        if (Runtime.ArgumentCount < 2)
            return Sum(-1, chunk, null);
        int status = 0;
        for (int i = 1; i < Runtime.ArgumentCount; i++)
        {
            long result = Files.Open(Runtime.Argument(i), VfsOpenFlags.Read, out long handle);
            if (result < 0)
            {
                Errors.Report("cksum", Runtime.Argument(i), result);
                status = 1;
                continue;
            }
            status |= Sum(handle, chunk, Runtime.Argument(i));
            Files.Close(handle);
        }
        return status;
    }

    // handle -1: standard input.
    private static int Sum(long handle, byte* chunk, byte* name)
    {
        uint crc = Crc32.Begin();
        ulong size = 0;
        long count;
        while ((count = handle < 0 ? Syscall.Read(StandardInput, chunk, ChunkBytes) : Files.Read(handle, chunk, ChunkBytes)) > 0)
        {
            crc = Crc32.Update(crc, chunk, (int)count);
            size += (ulong)count;
        }
        if (count < 0)
        {
            Errors.Report("cksum", name, count);
            return 1;
        }
        byte* line = stackalloc byte[LineBytes];
        var text = new TextBuilder(line, LineBytes);
        text.AppendHex(Crc32.Finish(crc), CrcDigits).Append(' ').AppendUnsigned(size).Append(' ');
        if (name != null)
            text.Append(name);
        Stdio.Write(text.AppendLine());
        return 0;
    }
}
