namespace Ocean.Servers.Init;

using System.Runtime.InteropServices;
using Ocean.Libc;

/// <summary>PID 1: Ocean's service manager.</summary>
public static class Program
{
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Main()
    {
        // Starting and supervising services arrives with the userspace issue; for now init announces itself.
        Stdio.WriteLine("init: started");
        return 0;
    }
}
