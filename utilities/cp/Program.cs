namespace Ocean.Utilities.Cp;

using System.Runtime.InteropServices;
using Ocean.Libc;

/// <summary>cp SOURCE TARGET: copies a file; a TARGET directory receives it under its own name.</summary>
public static unsafe class Program
{
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Main()
    {
        byte* target = stackalloc byte[Files.MaxPath + 1];
        if (!Commands.SourceAndTarget("cp", target, out byte* source, out int status))
            return status;
        long result = Files.Copy(source, target);
        if (result < 0)
        {
            Errors.Report("cp", source, result);
            return 1;
        }
        return 0;
    }
}
