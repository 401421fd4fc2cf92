namespace Ocean.Utilities.Rm;

using System.Runtime.InteropServices;
using Ocean.Libc;

/// <summary>rm FILE...: removes each file (directories need rmdir).</summary>
public static unsafe class Program
{
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Main() => Commands.ForEachOperand("rm", "FILE", &Run);

    private static long Run(byte* path) => Files.OnPath(path, &VfsClient.Unlink);
}
