namespace Ocean.Utilities.Touch;

using System.Runtime.InteropServices;
using Ocean.Libc;
using Ocean.Protocols;

/// <summary>touch FILE...: creates each file that does not exist yet (an existing one is left as it is).</summary>
public static unsafe class Program
{
    [UnmanagedCallersOnly(EntryPoint = "OceanMain")]
    private static int Main() => Commands.ForEachOperand("touch", "FILE", &Touch);

    private static long Touch(byte* path)
    {
        long result = Files.Open(path, VfsOpenFlags.Write | VfsOpenFlags.Create, out long handle);
        if (result == 0)
            Files.Close(handle);
        return result;
    }
}
