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
    private const int UsageError = 2;

    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Main()
    {
        if (Runtime.ArgumentCount != 3)
        {
            Stdio.WriteLine("usage: mv SOURCE TARGET");
            return UsageError;
        }
        byte* source = Runtime.Argument(1);
        byte* target = stackalloc byte[Files.MaxPath + 1];
        if (!Files.Destination(source, Runtime.Argument(2), target))
        {
            Errors.Report("mv", Runtime.Argument(2), -Errno.ENAMETOOLONG);
            return 1;
        }
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
