namespace Ocean.Utilities.Kill;

using System.Runtime.InteropServices;
using Ocean.Abi;
using Ocean.Libc;

/// <summary>kill PID...: ends each process; reports the ones that could not be ended.</summary>
public static class Program
{
    // ilc's entry symbol cannot take managed arguments: it hands over to a .NET-style Main.
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Entry() => Main(Runtime.Arguments);

    private static int Main(string[] args)
    {
        if (args.Length == 0)
            return Commands.Usage("kill PID...");
        int status = 0;
        for (int i = 0; i < args.Length; i++)
        {
            string argument = args[i];
            long result = Numbers.TryParse(argument, out long pid) && pid > 0 ? ProcClient.Kill(pid) : -Errno.EINVAL;
            if (result == 0)
                continue;
            Stdio.Write("kill: ");
            Stdio.Write(argument);
            Stdio.WriteLine(result == -Errno.ESRCH ? ": no such process" : result == -Errno.EPERM ? ": not permitted" : ": not a process id");
            status = 1;
        }
        return status;
    }
}
