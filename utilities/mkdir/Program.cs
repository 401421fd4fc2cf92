namespace Ocean.Utilities.Mkdir;

using System.Runtime.InteropServices;
using Ocean.Libc;

/// <summary>mkdir DIRECTORY...: makes each directory (its parent must exist).</summary>
public static unsafe class Program
{
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Main() => Commands.ForEachOperand("mkdir", "DIRECTORY", &Run);

    private static long Run(byte* path) => Files.OnPath(path, &VfsClient.MakeDirectory);
}
