namespace Ocean.Utilities.Mv;

using System.Runtime.InteropServices;
using Ocean.Abi;
using Ocean.Libc;

/// <summary>
/// mv SOURCE TARGET: renames; a TARGET directory receives SOURCE under its own name. Across file
/// systems (EXDEV) a file is copied and the original removed.
/// </summary>
public static unsafe class Program
{
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Main()
    {
        byte* target = stackalloc byte[Files.MaxPath + 1];
        if (!Commands.SourceAndTarget("mv", target, out byte* source, out int status))
            return status;
        long result = Files.Rename(source, target);
        if (result == -Errno.EXDEV)
        {
            result = Files.Copy(source, target);
            if (result == 0)
                result = Files.OnPath(source, &VfsClient.Unlink);
        }
        if (result < 0)
        {
            Errors.Report("mv", source, result);
            return 1;
        }
        return 0;
    }
}
