namespace Ocean.Utilities.Mount;

using System.Runtime.InteropServices;
using Ocean.Libc;
using Ocean.Protocols;

/// <summary>
/// mount: lists the mounted file systems ("PATH on NAME (rw|ro)"). File system services mount
/// themselves as init starts them (the service list says which partition goes where).
/// </summary>
public static unsafe class Program
{
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Main()
    {
        if (Runtime.ArgumentCount > 1)
        {
            Stdio.WriteLine("usage: mount (file systems are mounted by their services; see services)");
            return 2;
        }
        byte* path = stackalloc byte[VfsProtocol.MaxPathBytes];
        byte* name = stackalloc byte[VfsProtocol.MountNameWords * 8 + 1];
        long length;
        int index = 0;
        for (; (length = VfsClient.MountInfo(index, path, VfsProtocol.MaxPathBytes, name, out bool readOnly)) >= 0; index++)
        {
            Stdio.Write(path, (int)length);
            Stdio.Write(" on ");
            Stdio.Write(name);
            Stdio.WriteLine(readOnly ? " (ro)" : " (rw)");
        }
        if (index > 0)
            return 0;
        Errors.Report("mount", null, length);
        return 1;
    }
}
