namespace Ocean.Utilities.Mkdir;

using System.Runtime.InteropServices;
using Ocean.Libc;

/// <summary>mkdir DIRECTORY...: makes each directory (its parent must exist).</summary>
public static unsafe class Program
{
    private const int UsageError = 2;

    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Main()
    {
        if (Runtime.ArgumentCount < 2)
        {
            Stdio.WriteLine("usage: mkdir DIRECTORY...");
            return UsageError;
        }
        int status = 0;
        for (int i = 1; i < Runtime.ArgumentCount; i++)
        {
            long result = Files.OnPath(Runtime.Argument(i), &VfsClient.MakeDirectory);
            if (result < 0)
            {
                Errors.Report("mkdir", Runtime.Argument(i), result);
                status = 1;
            }
        }
        return status;
    }
}
