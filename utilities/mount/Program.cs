namespace Ocean.Utilities.Mount;

using System.Runtime.InteropServices;
using Ocean.Libc;

/// <summary>
/// mount: lists the mounted file systems ("PATH on NAME (rw|ro)"). File system services mount
/// themselves as init starts them (the service list says which partition goes where).
/// </summary>
public static class Program
{
    // ilc's entry symbol cannot take managed arguments: it hands over to a .NET-style Main.
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Entry() => Main(Runtime.Arguments);

    private static int Main(string[] args)
    {
        if (args.Length > 0)
            return Commands.Usage("mount (file systems are mounted by their services; see services)");
        int index = 0;
        MountInfo mount;
        for (; (mount = FileSystems.Mount(index)).Ok; index++)
        {
            Stdio.Write(mount.Path);
            Stdio.Write(" on ");
            Stdio.Write(mount.Name);
            Stdio.WriteLine(mount.ReadOnly ? " (ro)" : " (rw)");
        }
        return index > 0 ? 0 : Commands.Check("mount", null, mount.Error);
    }
}
