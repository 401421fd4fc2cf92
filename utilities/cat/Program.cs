namespace Ocean.Utilities.Cat;

using System.Runtime.InteropServices;
using Ocean.Libc;

/// <summary>cat: copies standard input to standard output until end of file (files arrive with the VFS).</summary>
public static unsafe class Program
{
    private const int StandardInput = 0, StandardOutput = 1;
    private const int ChunkBytes = 256;

    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Main()
    {
        if (Runtime.ArgumentCount > 1)
        {
            Stdio.WriteLine("cat: files are not supported yet (no file system); cat copies standard input");
            return 1;
        }
        byte* chunk = stackalloc byte[ChunkBytes];
        long count;
        while ((count = Syscall.Read(StandardInput, chunk, ChunkBytes)) > 0)
            Syscall.Write(StandardOutput, chunk, (ulong)count);
        return count < 0 ? 1 : 0;
    }
}
