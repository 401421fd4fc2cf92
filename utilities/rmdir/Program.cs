namespace Ocean.Utilities.Rmdir;

using System.Runtime.InteropServices;
using Ocean.Libc;

/// <summary>rmdir DIRECTORY...: removes each directory, which must be empty.</summary>
public static unsafe class Program
{
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Main() => Commands.ForEachOperand("rmdir", "DIRECTORY", &Run);

    private static long Run(byte* path) => Files.OnPath(path, &VfsClient.RemoveDirectory);
}
