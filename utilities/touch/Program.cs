namespace Ocean.Utilities.Touch;

using System.Runtime.InteropServices;
using Ocean.Libc;

/// <summary>touch FILE...: creates each file that does not exist yet (an existing one is left as it is).</summary>
public static unsafe class Program
{
    private const int UsageError = 2;

    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Main()
    {
        if (Runtime.ArgumentCount < 2)
        {
            Stdio.WriteLine("usage: touch FILE...");
            return UsageError;
        }
        int status = 0;
        for (int i = 1; i < Runtime.ArgumentCount; i++)
        {
            long result = Touch(Runtime.Argument(i));
            if (result < 0)
            {
                Errors.Report("touch", Runtime.Argument(i), result);
                status = 1;
            }
        }
        return status;
    }

    private static long Touch(byte* path)
    {
        long result = Files.Open(path, Ocean.Protocols.VfsOpenFlags.Write | Ocean.Protocols.VfsOpenFlags.Create, out long handle);
        if (result == 0)
            Files.Close(handle);
        return result;
    }
}
