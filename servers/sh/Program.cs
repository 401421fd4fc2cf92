namespace Ocean.Servers.Sh;

using System.Runtime.InteropServices;
using Ocean.Libc;

/// <summary>Ocean's interactive shell.</summary>
public static class Program
{
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Main()
    {
        // The prompt and commands arrive with the userspace issue.
        Stdio.WriteLine("sh: started");
        return 0;
    }
}
