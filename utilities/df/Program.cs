namespace Ocean.Utilities.Df;

using System.Runtime.InteropServices;
using Ocean.Libc;

/// <summary>df: for each mounted file system, its size, used and free space in KiB.</summary>
public static class Program
{
    // ilc's entry symbol cannot take managed arguments: it hands over to a .NET-style Main.
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Entry() => Main(Runtime.Arguments);

    private const int LineBytes = 256;
    private const int NameWidth = -16, NumberWidth = 10;
    private const ulong KiB = 1024;

    private static int Main(string[] args)
    {
        var line = new TextLine(LineBytes);
        line.AppendPadded("FILESYSTEM", NameWidth).AppendPadded("KIB", NumberWidth).AppendPadded("USED", NumberWidth)
            .AppendPadded("FREE", NumberWidth).Append(' ').Append("MOUNTED ON").AppendLine().Write();
        int status = 0;
        MountInfo mount;
        for (int index = 0; (mount = FileSystems.Mount(index)).Ok; index++)
        {
            FileSystemStatistics room = FileSystems.Statistics(mount.Path);
            if (room.Error.Failed)
            {
                status |= Commands.Check("df", mount.Name, room.Error);
                continue;
            }
            ulong total = room.TotalBlocks * room.BlockSize / KiB;
            ulong free = room.FreeBlocks * room.BlockSize / KiB;
            line.Clear().AppendPadded(mount.Name, NameWidth).AppendUnsigned(total, NumberWidth).AppendUnsigned(total - free, NumberWidth)
                .AppendUnsigned(free, NumberWidth).Append(' ').Append(mount.Path).AppendLine().Write();
        }
        return status;
    }
}
