namespace Ocean.Utilities.Df;

using System.Runtime.InteropServices;
using Ocean.Libc;
using Ocean.Protocols;

/// <summary>df: for each mounted file system, its size, used and free space in KiB.</summary>
public static unsafe class Program
{
    private const int LineBytes = 256;
    private const int NameWidth = -16, NumberWidth = 10;
    private const ulong KiB = 1024;

    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Main()
    {
        byte* path = stackalloc byte[VfsProtocol.MaxPathBytes];
        byte* name = stackalloc byte[VfsProtocol.MountNameWords * 8 + 1];
        ulong* figures = stackalloc ulong[FsProtocol.FreeNodesWord + 1];
        byte* line = stackalloc byte[LineBytes];
        var text = new TextBuilder(line, LineBytes);
        text.AppendPadded("FILESYSTEM", NameWidth).AppendPadded("KIB", NumberWidth).AppendPadded("USED", NumberWidth)
            .AppendPadded("FREE", NumberWidth).Append(' ').Append("MOUNTED ON").AppendLine();
        Stdio.Write(text);
        long length;
        int status = 0;
        for (int index = 0; (length = VfsClient.MountInfo(index, path, VfsProtocol.MaxPathBytes, name, out _)) >= 0; index++)
        {
            long result = VfsClient.StatFs(path, (int)length, figures);
            if (result < 0)
            {
                Errors.Report("df", name, result);
                status = 1;
                continue;
            }
            ulong blockSize = figures[FsProtocol.BlockSizeWord];
            ulong total = figures[FsProtocol.TotalBlocksWord] * blockSize / KiB;
            ulong free = figures[FsProtocol.FreeBlocksWord] * blockSize / KiB;
            text.Clear();
            text.AppendPadded(name, NameWidth).AppendUnsigned(total, NumberWidth).AppendUnsigned(total - free, NumberWidth)
                .AppendUnsigned(free, NumberWidth).Append(' ').Append(path, (int)length).AppendLine();
            Stdio.Write(text);
        }
        return status;
    }
}
