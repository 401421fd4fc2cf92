namespace Ocean.Utilities.Cksum;

using System.Runtime.InteropServices;
using Ocean.Libc;
using Ocean.Protocols;

/// <summary>
/// cksum [FILE...]: "CRC SIZE NAME" for each file (standard input for none), where CRC is the CRC-32
/// of zlib and Ethernet in hex, so that a file's contents can be compared with the host's copy.
/// </summary>
public static class Program
{
    private const int ChunkBytes = 256 * 1024;
    private const int LineBytes = 320;
    private const int CrcDigits = 8;

    // ilc's entry symbol cannot take managed arguments: it hands over to a .NET-style Main.
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Entry() => Main(Runtime.Arguments);

    private static int Main(string[] args)
    {
        var chunk = new byte[ChunkBytes];
        if (args.Length == 0)
        {
            File input = File.StandardInput;
            return Sum(ref input, chunk, null);
        }
        int status = 0;
        for (int i = 0; i < args.Length; i++)
        {
            File file = File.Open(args[i], VfsOpenFlags.Read);
            status |= file.Ok ? Sum(ref file, chunk, args[i]) : Commands.Check("cksum", args[i], file.Error);
            file.Close();
        }
        return status;
    }

    // The CRC, the size and the name (none for standard input), as POSIX cksum prints them.
    private static int Sum(ref File file, byte[] chunk, string name)
    {
        uint crc = Crc32.Begin();
        ulong size = 0;
        int count;
        while ((count = file.Read(chunk, ChunkBytes)) > 0)
        {
            crc = Crc32.Update(crc, chunk, count);
            size += (ulong)count;
        }
        if (file.Error.Failed)
            return Commands.Check("cksum", name, file.Error);
        var line = new TextLine(LineBytes);
        line.AppendHex(Crc32.Finish(crc), CrcDigits).Append(' ').AppendUnsigned(size).Append(' ');
        if (name != null)
            line.Append(name);
        line.AppendLine().Write();
        return 0;
    }
}
