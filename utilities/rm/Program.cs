namespace Ocean.Utilities.Rm;

using System.Runtime.InteropServices;
using Ocean.Libc;

/// <summary>rm FILE...: removes each file (directories need rmdir).</summary>
public static unsafe class Program
{
    private const int UsageError = 2;

    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Main()
    {
        if (Runtime.ArgumentCount < 2)
        {
            Stdio.WriteLine("usage: rm FILE...");
            return UsageError;
        }
        int status = 0;
        for (int i = 1; i < Runtime.ArgumentCount; i++)
        {
            long result = Files.OnPath(Runtime.Argument(i), &VfsClient.Unlink);
            if (result < 0)
            {
                Errors.Report("rm", Runtime.Argument(i), result);
                status = 1;
            }
        }
        return status;
    }
}
