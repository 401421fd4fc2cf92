namespace Ocean.Utilities.Cp;

using System.Runtime.InteropServices;
using Ocean.Libc;

/// <summary>cp SOURCE TARGET: copies a file; a TARGET directory receives it under its own name.</summary>
public static unsafe class Program
{
    private const int UsageError = 2;

    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Main()
    {
        if (Runtime.ArgumentCount != 3)
        {
            Stdio.WriteLine("usage: cp SOURCE TARGET");
            return UsageError;
        }
        byte* source = Runtime.Argument(1);
        byte* target = stackalloc byte[Files.MaxPath + 1];
        if (!Files.Destination(source, Runtime.Argument(2), target))
        {
            Errors.Report("cp", Runtime.Argument(2), -Ocean.Abi.Errno.ENAMETOOLONG);
            return 1;
        }
        long result = Files.Copy(source, target);
        if (result < 0)
        {
            Errors.Report("cp", source, result);
            return 1;
        }
        return 0;
    }
}
