namespace Ocean.Utilities.Cat;

using System.Runtime.InteropServices;
using Ocean.Libc;
using Ocean.Protocols;

/// <summary>cat [FILE...]: copies each file (or standard input, for none or "-") to standard output.</summary>
public static unsafe class Program
{
    private const int StandardInput = 0, StandardOutput = 1;
    private const int ChunkBytes = 4096;

    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Main()
    {
        byte* chunk = stackalloc byte[ChunkBytes];
        if (Runtime.ArgumentCount < 2)
            return CopyInput(chunk);
        int status = 0;
        for (int i = 1; i < Runtime.ArgumentCount; i++)
        {
            byte* path = Runtime.Argument(i);
            if (CString.Is(path, "-"))
            {
                status |= CopyInput(chunk);
                continue;
            }
            long result = Files.Open(path, VfsOpenFlags.Read, out long handle);
            long count = 0;
            while (result == 0 && (count = Files.Read(handle, chunk, ChunkBytes)) > 0)
                Syscall.Write(StandardOutput, chunk, (ulong)count);
            if (result == 0)
                Files.Close(handle);
            if (result < 0 || count < 0)
            {
                Errors.Report("cat", path, result < 0 ? result : count);
                status = 1;
            }
        }
        return status;
    }

    private static int CopyInput(byte* chunk)
    {
        long count;
        while ((count = Syscall.Read(StandardInput, chunk, ChunkBytes)) > 0)
            Syscall.Write(StandardOutput, chunk, (ulong)count);
        return count < 0 ? 1 : 0;
    }
}
