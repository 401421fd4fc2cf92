namespace Ocean.Utilities.Kill;

using System.Runtime.InteropServices;
using Ocean.Abi;
using Ocean.Libc;

/// <summary>kill PID...: ends each process; reports the ones that could not be ended.</summary>
public static unsafe class Program
{
    private const int UsageError = 2;

    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Main()
    {
        if (Runtime.ArgumentCount < 2)
        {
            Stdio.WriteLine("usage: kill PID...");
            return UsageError;
        }
        int status = 0;
        for (int i = 1; i < Runtime.ArgumentCount; i++)
        {
            long result = Numbers.TryParse(Runtime.Argument(i), out long pid) && pid > 0 ? Syscall.Kill(pid) : -Errno.EINVAL;
            if (result == 0)
                continue;
            Stdio.Write("kill: ");
            Stdio.Write(Runtime.Argument(i));
            Stdio.WriteLine(result == -Errno.ESRCH ? ": no such process" : result == -Errno.EPERM ? ": not permitted" : ": not a process id");
            status = 1;
        }
        return status;
    }
}
