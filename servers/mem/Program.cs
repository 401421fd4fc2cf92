namespace Ocean.Servers.Mem;

using System.Runtime.InteropServices;
using Ocean.Abi;
using Ocean.Libc;

/// <summary>
/// The memory server (pid 3). The kernel starts it from its boot module right after init and the
/// process server, with its endpoint and the <see cref="ObjectKind.AddressSpaces"/> capability in
/// place (<see cref="SystemServerSlot"/>), and gives init a send capability on that endpoint, which
/// every process init starts keeps. Like proc it is never restarted, so it answers any request with
/// an errno at worst. Today it answers the machine's totals (for free), each process's usage (for
/// ps) and shared-memory objects (<see cref="SharedObjects"/>); brk and mmap move here later
/// (docs/design/process-and-memory-servers.md).
/// </summary>
public static class Program
{
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Main()
    {
        long error = new MemServer().Serve(SystemServerSlot.Endpoint);
        Stdio.Write("mem: cannot serve its endpoint: errno ");
        Stdio.Write(-error);
        Stdio.WriteLine("");
        return 1;
    }
}
