namespace Ocean.Utilities.Rmdir;

using System.Runtime.InteropServices;
using Ocean.Libc;

/// <summary>rmdir DIRECTORY...: removes each directory, which must be empty.</summary>
public static unsafe class Program
{
    private const int UsageError = 2;

    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Main()
    {
        if (Runtime.ArgumentCount < 2)
        {
            Stdio.WriteLine("usage: rmdir DIRECTORY...");
            return UsageError;
        }
        int status = 0;
        for (int i = 1; i < Runtime.ArgumentCount; i++)
        {
            long result = Files.OnPath(Runtime.Argument(i), &VfsClient.RemoveDirectory);
            if (result < 0)
            {
                Errors.Report("rmdir", Runtime.Argument(i), result);
                status = 1;
            }
        }
        return status;
    }
}
